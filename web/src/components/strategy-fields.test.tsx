import type { StrategyConfig, StrategyInfo } from '@bytelyst/trading-contracts';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StrategyFields, useStrategyParams } from './strategy-fields';

afterEach(cleanup);

const STRATEGIES: StrategyInfo[] = [
  {
    id: 'sma-cross',
    name: 'SMA cross',
    summary: 'Fast average crosses the slow one.',
    paramsSchema: {
      type: 'object',
      properties: { fastPeriod: { type: 'integer', default: 10 } },
      required: ['fastPeriod'],
    },
  },
  // A schema the form cannot read falls back to a raw JSON editor.
  { id: 'rsi-reversion', name: 'RSI reversion', summary: 'Buys oversold.', paramsSchema: {} },
];

function Harness(props: { initial?: StrategyConfig; onConfig: (c: StrategyConfig) => void }) {
  const state = useStrategyParams(STRATEGIES, props.initial);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        props.onConfig(state.config());
      }}
    >
      <StrategyFields state={state} errors={{ 'param:fastPeriod': 'Too small', name: 'x' }} />
      <button type="submit">Go</button>
    </form>
  );
}

describe('StrategyFields', () => {
  it('edits a readable schema field by field and shows only param errors', () => {
    const seen: StrategyConfig[] = [];
    render(<Harness onConfig={(c) => seen.push(c)} />);
    expect(screen.getByText('Fast average crosses the slow one.')).toBeTruthy();
    expect(screen.getByText('Too small')).toBeTruthy();
    expect(screen.queryByText('x')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    expect(seen).toEqual([{ strategy: 'sma-cross', params: { fastPeriod: 10 } }]);
  });

  it('switches strategy to its defaults, and reads raw JSON when the schema is unreadable', () => {
    const seen: StrategyConfig[] = [];
    const initial = {
      strategy: 'sma-cross',
      params: { fastPeriod: 3 },
    } as unknown as StrategyConfig;
    render(<Harness initial={initial} onConfig={(c) => seen.push(c)} />);
    fireEvent.change(screen.getByLabelText('Strategy'), { target: { value: 'rsi-reversion' } });
    const raw = screen.getByLabelText('Params (JSON)');
    expect((raw as HTMLTextAreaElement).value).toBe('{}');
    fireEvent.change(raw, { target: { value: '{"period": 14}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    fireEvent.change(raw, { target: { value: 'not json' } });
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    expect(seen).toEqual([
      { strategy: 'rsi-reversion', params: { period: 14 } },
      { strategy: 'rsi-reversion', params: {} },
    ]);
  });
});
