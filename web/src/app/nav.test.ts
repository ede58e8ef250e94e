import { DEFAULT_FEATURE_FLAGS } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { visibleNav } from './nav';

const ids = (input: Parameters<typeof visibleNav>[0]) => visibleNav(input).map((i) => i.id);

describe('visibleNav', () => {
  it('hides marketplace and membership while their flags are off', () => {
    const tabs = ids({ flags: DEFAULT_FEATURE_FLAGS, role: 'user', preview: false });
    expect(tabs).not.toContain('marketplace');
    expect(tabs).not.toContain('membership');
    expect(tabs).toContain('overview');
  });

  it('shows each flagged tab only when its own flag is on', () => {
    const flags = { ...DEFAULT_FEATURE_FLAGS, 'tabs.marketplace': true };
    const tabs = ids({ flags, role: 'user', preview: false });
    expect(tabs).toContain('marketplace');
    expect(tabs).not.toContain('membership');
    expect(
      ids({ flags: { ...flags, 'tabs.ledger': false }, role: 'user', preview: false }),
    ).not.toContain('ledger');
  });

  it('shows the models tab to every member of a tenant (its actions are gated on the card)', () => {
    expect(ids({ flags: DEFAULT_FEATURE_FLAGS, role: 'user', preview: false })).toContain('models');
    expect(ids({ flags: DEFAULT_FEATURE_FLAGS, role: 'operator', preview: true })).toContain(
      'models',
    );
  });

  it('shows admin to admins only, and not while previewing as a customer', () => {
    expect(ids({ flags: DEFAULT_FEATURE_FLAGS, role: 'user', preview: false })).not.toContain(
      'admin',
    );
    expect(ids({ flags: DEFAULT_FEATURE_FLAGS, role: 'operator', preview: false })).toContain(
      'admin',
    );
    expect(ids({ flags: DEFAULT_FEATURE_FLAGS, role: 'tenant_admin', preview: false })).toContain(
      'admin',
    );
    expect(ids({ flags: DEFAULT_FEATURE_FLAGS, role: 'operator', preview: true })).not.toContain(
      'admin',
    );
  });

  it('shows backtest to admins with the backtest flag, to customers only with backtest.customer too', () => {
    const off = DEFAULT_FEATURE_FLAGS;
    const on = { ...off, backtest: true };
    const customers = { ...on, 'backtest.customer': true };
    expect(ids({ flags: off, role: 'operator', preview: false })).not.toContain('backtest');
    expect(ids({ flags: on, role: 'operator', preview: false })).toContain('backtest');
    expect(ids({ flags: on, role: 'user', preview: false })).not.toContain('backtest');
    // Previewing as a customer shows the customer's answer, not the operator's.
    expect(ids({ flags: on, role: 'operator', preview: true })).not.toContain('backtest');
    expect(ids({ flags: customers, role: 'user', preview: false })).toContain('backtest');
    expect(ids({ flags: customers, role: 'operator', preview: true })).toContain('backtest');
    expect(
      ids({ flags: { ...customers, backtest: false }, role: 'user', preview: false }),
    ).not.toContain('backtest');
  });
});
