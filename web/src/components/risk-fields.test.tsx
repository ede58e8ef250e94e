import { DEFAULT_RISK_LIMITS, RiskLimits } from '@bytelyst/trading-contracts';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fieldKeyOf } from './form-issues';
import { RiskFields, useRiskLimits } from './risk-fields';

afterEach(cleanup);

function Harness(props: {
  initial?: RiskLimits;
  errors?: Record<string, string>;
  onLimits: (l: RiskLimits) => void;
}) {
  const state = useRiskLimits(props.initial);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        props.onLimits(state.limits());
      }}
    >
      <RiskFields state={state} errors={props.errors ?? {}} idPrefix="t" />
      <button type="submit">Go</button>
    </form>
  );
}

describe('RiskFields', () => {
  it('starts from the defaults and sends limits the contract accepts unchanged', () => {
    const seen: RiskLimits[] = [];
    render(<Harness onLimits={(l) => seen.push(l)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    expect(seen[0]).toEqual(DEFAULT_RISK_LIMITS);
    expect(RiskLimits.safeParse(seen[0]).success).toBe(true);
  });

  it('turns edits into typed limits: integers as numbers, an empty optional level as none', () => {
    const seen: RiskLimits[] = [];
    render(<Harness onLimits={(l) => seen.push(l)} />);
    fireEvent.change(screen.getByLabelText('Max open positions'), { target: { value: ' 7 ' } });
    fireEvent.change(screen.getByLabelText('Stop loss (%, up to 99; empty = none)'), {
      target: { value: '' },
    });
    fireEvent.change(screen.getByLabelText('Max drawdown (%, up to 100)'), {
      target: { value: '12.5' },
    });
    fireEvent.change(screen.getByLabelText('Max daily loss'), { target: { value: '250.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    expect(seen[0]).toMatchObject({
      maxOpenPositions: 7,
      stopLossPct: null,
      maxDrawdownPct: '0.125',
      maxDailyLoss: '250.5',
    });
  });

  it('shows percent limits as percentages, and "50" is 50 %, not 5,000 %', () => {
    const seen: RiskLimits[] = [];
    render(<Harness onLimits={(l) => seen.push(l)} />);
    expect(screen.getByLabelText<HTMLInputElement>('Max drawdown (%, up to 100)').value).toBe('20');
    fireEvent.change(screen.getByLabelText('Max drawdown (%, up to 100)'), {
      target: { value: '50' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    expect(seen[0]?.maxDrawdownPct).toBe('0.5');
    expect(RiskLimits.safeParse(seen[0]).success).toBe(true);
  });

  it('opens itself to show an issue under its field', () => {
    render(
      <Harness
        onLimits={() => undefined}
        errors={{ [fieldKeyOf('risk.maxDrawdownPct')]: 'Must be at most 1' }}
      />,
    );
    expect(screen.getByText('Must be at most 1')).toBeTruthy();
    expect(screen.getByText('Risk limits').closest('details')?.open).toBe(true);
  });
});
