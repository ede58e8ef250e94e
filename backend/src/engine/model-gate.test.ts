import { ModelStrategyParams } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import type { ModelVersionState } from '../domain/strategies/model-strategy.js';
import type { EngineContext } from './context.js';
import { modelGateOf } from './model-gate.js';
import type { ProfileRuntime, TenantRuntime } from './runtime.js';

const state = (over: Partial<ModelVersionState> = {}): ModelVersionState => ({
  version: 'mv-1',
  tenantId: 'acme',
  model: null as never,
  disabledReason: null,
  approvedAt: null,
  ...over,
});

function setup(o: { version?: ModelVersionState; realMoney?: boolean; tenantId?: string }) {
  const ctx = {
    models: { model: (v: string) => (v === 'mv-1' ? o.version : undefined) },
  } as unknown as EngineContext;
  const tenant = {
    accounts: new Map([['va-1', { client: { realMoney: o.realMoney ?? false } }]]),
  } as unknown as TenantRuntime;
  const rt = {
    profile: {
      tenantId: o.tenantId ?? 'acme',
      venueAccountId: 'va-1',
      strategy: { strategy: 'model', params: ModelStrategyParams.parse({ modelVersion: 'mv-1' }) },
    },
    modelDrift: null,
  } as unknown as ProfileRuntime;
  return { ctx, tenant, rt };
}

describe("a profile's model layer", () => {
  it('is absent for rule strategies', () => {
    const { ctx, tenant, rt } = setup({ version: state() });
    (rt.profile as { strategy: unknown }).strategy = { strategy: 'sma-cross', params: {} };
    expect(modelGateOf(ctx, tenant, rt)).toBeUndefined();
  });

  it('needs an approval only on an account whose orders move real money', () => {
    const paper = setup({ version: state() });
    expect(modelGateOf(paper.ctx, paper.tenant, paper.rt)?.notApproved).toBe(false);
    const live = setup({ version: state(), realMoney: true });
    expect(modelGateOf(live.ctx, live.tenant, live.rt)?.notApproved).toBe(true);
    const approved = setup({ version: state({ approvedAt: 1 }), realMoney: true });
    expect(modelGateOf(approved.ctx, approved.tenant, approved.rt)?.notApproved).toBe(false);
  });

  it("reads the kill switch and drift, and never another tenant's version", () => {
    const off = setup({ version: state({ disabledReason: 'superseded' }) });
    expect(modelGateOf(off.ctx, off.tenant, off.rt)).toEqual({
      disabled: true,
      drifted: false,
      notApproved: false,
    });
    off.rt.modelDrift = 'PSI 1.2 on ret_1';
    expect(modelGateOf(off.ctx, off.tenant, off.rt)?.drifted).toBe(true);
    const foreign = setup({ version: state({ disabledReason: 'x' }), tenantId: 'globex' });
    expect(modelGateOf(foreign.ctx, foreign.tenant, foreign.rt)?.disabled).toBe(false);
  });
});
