import { ControlVerdict, type ProductStatus, type TradingMode } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { evaluateControls } from './controls.js';

const NOW = 1_000_000;
const status = (enabled: boolean, maintenance: boolean): ProductStatus => ({
  productId: 'trading',
  enabled,
  maintenance: { active: maintenance, message: null, expectedEndAt: null },
  version: 1,
  updatedAt: new Date(0).toISOString(),
});

/** Product layer cases: what the platform said and how old it is. */
const PRODUCT_CASES = [
  { name: 'missing', product: null, receivedAt: null, unknown: true, off: false, maint: false },
  {
    name: 'stale-on',
    product: status(true, false),
    receivedAt: NOW - 60_001,
    unknown: true,
    off: false,
    maint: false,
  },
  {
    name: 'stale-off',
    product: status(false, false),
    receivedAt: NOW - 60_001,
    unknown: true,
    off: true,
    maint: false,
  },
  {
    name: 'on',
    product: status(true, false),
    receivedAt: NOW - 60_000,
    unknown: false,
    off: false,
    maint: false,
  },
  {
    name: 'off',
    product: status(false, false),
    receivedAt: NOW,
    unknown: false,
    off: true,
    maint: false,
  },
  {
    name: 'maintenance',
    product: status(true, true),
    receivedAt: NOW,
    unknown: false,
    off: false,
    maint: true,
  },
  {
    name: 'off+maintenance',
    product: status(false, true),
    receivedAt: NOW,
    unknown: false,
    off: true,
    maint: true,
  },
] as const;
const MODES: TradingMode[] = ['RUNNING', 'PAUSED', 'HALTED'];
const BOOLS = [false, true];
/** The model layer: absent (a rule strategy) or every combination of its three switches. */
const MODEL_CASES = [
  null,
  ...BOOLS.flatMap((disabled) =>
    BOOLS.flatMap((drifted) => BOOLS.map((notApproved) => ({ disabled, drifted, notApproved }))),
  ),
];

describe('evaluateControls: every combination of layers', () => {
  it('matches the kill-switch table for all combinations', () => {
    let n = 0;
    for (const pc of PRODUCT_CASES)
      for (const globalMode of MODES)
        for (const tenantMode of MODES)
          for (const profileMode of [...MODES, null])
            for (const enabled of BOOLS)
              for (const blocked of BOOLS)
                for (const stale of BOOLS)
                  for (const unreachable of BOOLS)
                    for (const owner of BOOLS)
                      for (const model of MODEL_CASES) {
                        if (profileMode === null && (enabled === false || blocked || model))
                          continue;
                        n++;
                        const v = evaluateControls({
                          now: NOW,
                          product: pc.product,
                          productReceivedAt: pc.receivedAt,
                          productMaxAgeMs: 60_000,
                          globalMode,
                          tenantMode,
                          ...(profileMode === null
                            ? {}
                            : {
                                profile: {
                                  mode: profileMode,
                                  enabled,
                                  blockedByReconciliation: blocked,
                                  ...(model ? { model } : {}),
                                },
                              }),
                          gates: {
                            marketDataStale: stale,
                            exchangeUnreachable: unreachable,
                            loopOwner: owner,
                          },
                        });
                        expect(ControlVerdict.safeParse(v).success).toBe(true);
                        const modes = [globalMode, tenantMode, profileMode ?? 'RUNNING'];
                        const halted = modes.includes('HALTED');
                        const paused = modes.includes('PAUSED');
                        const profileOff = profileMode !== null && !enabled;
                        const entryBlocked =
                          pc.unknown ||
                          pc.off ||
                          pc.maint ||
                          halted ||
                          paused ||
                          profileOff ||
                          blocked ||
                          stale ||
                          unreachable ||
                          !owner ||
                          model?.disabled === true ||
                          model?.drifted === true ||
                          model?.notApproved === true;
                        const reduceBlocked = halted || blocked || !owner;
                        const label = JSON.stringify({
                          p: pc.name,
                          globalMode,
                          tenantMode,
                          profileMode,
                          enabled,
                          blocked,
                          stale,
                          unreachable,
                          owner,
                          model,
                        });
                        expect(v.canEnter, label).toBe(!entryBlocked);
                        expect(v.canReduce, label).toBe(!reduceBlocked);
                        expect(v.cancelOpenOrders, label).toBe(halted);
                        // Every layer that is off names itself; nothing else is named.
                        const expected = new Set<string>();
                        if (pc.unknown) expected.add('PLATFORM_STATUS_UNKNOWN');
                        if (pc.off) expected.add('PRODUCT_DISABLED');
                        if (pc.maint) expected.add('MAINTENANCE');
                        if (globalMode !== 'RUNNING') expected.add(`GLOBAL_${globalMode}`);
                        if (tenantMode !== 'RUNNING') expected.add(`TENANT_${tenantMode}`);
                        if (profileMode && profileMode !== 'RUNNING')
                          expected.add(`PROFILE_${profileMode}`);
                        if (profileOff) expected.add('PROFILE_DISABLED');
                        if (blocked) expected.add('PROFILE_BLOCKED_RECONCILIATION');
                        if (stale) expected.add('MARKET_DATA_STALE');
                        if (unreachable) expected.add('EXCHANGE_UNREACHABLE');
                        if (!owner) expected.add('LOOP_NOT_OWNER');
                        if (model?.disabled) expected.add('MODEL_DISABLED');
                        if (model?.drifted) expected.add('MODEL_DRIFT');
                        if (model?.notApproved) expected.add('MODEL_NOT_APPROVED');
                        expect(new Set(v.reasons), label).toEqual(expected);
                      }
    expect(n).toBeGreaterThan(40_000);
  });

  it('maintenance alone stops new exposure and leaves exits and cancels open', () => {
    const v = evaluateControls({
      now: NOW,
      product: status(true, true),
      productReceivedAt: NOW,
      productMaxAgeMs: 15_000,
      globalMode: 'RUNNING',
      tenantMode: 'RUNNING',
      gates: { marketDataStale: false, exchangeUnreachable: false, loopOwner: true },
    });
    expect(v).toEqual({
      canEnter: false,
      canReduce: true,
      cancelOpenOrders: false,
      reasons: ['MAINTENANCE'],
    });
  });
});

describe('evaluateControls: the model layer', () => {
  it('a switched-off, drifted or unapproved model leaves a profile reduce-only', () => {
    for (const model of [
      { disabled: true, drifted: false, notApproved: false },
      { disabled: false, drifted: true, notApproved: false },
      { disabled: false, drifted: false, notApproved: true },
    ]) {
      const v = evaluateControls({
        now: NOW,
        product: status(true, false),
        productReceivedAt: NOW,
        productMaxAgeMs: 15_000,
        globalMode: 'RUNNING',
        tenantMode: 'RUNNING',
        profile: { mode: 'RUNNING', enabled: true, blockedByReconciliation: false, model },
        gates: { marketDataStale: false, exchangeUnreachable: false, loopOwner: true },
      });
      expect(v.canEnter).toBe(false);
      expect(v.canReduce).toBe(true);
      expect(v.cancelOpenOrders).toBe(false);
      expect(v.reasons).toHaveLength(1);
    }
  });
});
