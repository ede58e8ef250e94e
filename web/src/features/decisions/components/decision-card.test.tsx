import { cleanup, render, screen } from '@testing-library/react';
import type { Decision } from '@bytelyst/trading-contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { DecisionCard } from './decision-card';

afterEach(cleanup);

const decision = (inputs: Decision['inputs']): Decision => ({
  id: 'd1',
  tenantId: 'acme',
  profileId: 'p1',
  symbol: 'BTC-USD',
  action: 'ENTER',
  signalStrength: 0.28,
  inputs,
  reasons: [
    { kind: 'strategy', code: 'MODEL_P_ABOVE_ENTRY', message: 'p above the entry threshold' },
  ],
  controlReasons: [],
  price: '64000',
  candleTime: '2026-12-07T10:00:00.000Z',
  orderId: null,
  createdAt: '2026-12-07T10:01:00.000Z',
});

describe('DecisionCard', () => {
  it("shows a model decision's version, p against its threshold and each contribution", () => {
    render(
      <DecisionCard
        profileName="ML"
        d={decision({
          model: 'acme-m1',
          p: 0.64,
          enterAbove: 0.6,
          exitBelow: 0.5,
          base: 0.01,
          'contribution.ret_5': 0.31,
          'contribution.rsi_14': -0.12,
        })}
      />,
    );
    expect(screen.getByTestId('model-why').textContent).toContain(
      'p=0.64 > 0.60 (entry); ret_5 +0.31, rsi_14 -0.12',
    );
    expect(screen.getByTitle(/RSI over 14 candles/)).toBeTruthy();
  });

  it('shows no model panel for a rule strategy', () => {
    render(<DecisionCard profileName="Trend" d={decision({ close: 64000, fast: 1, slow: 2 })} />);
    expect(screen.queryByTestId('model-why')).toBeNull();
  });
});
