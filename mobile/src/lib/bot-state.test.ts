import type { BotState } from '@bytelyst/trading-contracts';
import { BotState as BotStateSchema } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { describeBotState } from './bot-state';

const state = (patch: Partial<BotState> = {}): BotState =>
  BotStateSchema.parse({
    status: 'running',
    verdict: { canEnter: true, canReduce: true, cancelOpenOrders: false, reasons: [] },
    product: null,
    productStatusAgeMs: 100,
    globalMode: 'RUNNING',
    tenantMode: 'RUNNING',
    lastTickAt: null,
    lastLoopAt: null,
    degradedReasons: [],
    venueFeeds: [],
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...patch,
  });

describe('describeBotState', () => {
  it('running: ok tone, entries allowed, no reasons', () => {
    expect(describeBotState(state())).toMatchObject({
      status: 'running',
      label: 'Running',
      tone: 'ok',
      reasons: [],
    });
  });

  it('paused: reduce-only with the control reason in words', () => {
    const v = describeBotState(
      state({
        status: 'paused',
        globalMode: 'PAUSED',
        verdict: {
          canEnter: false,
          canReduce: true,
          cancelOpenOrders: false,
          reasons: ['GLOBAL_PAUSED'],
        },
      }),
    );
    expect(v.tone).toBe('warn');
    expect(v.summary).toContain('No new entries');
    expect(v.reasons).toEqual(['Trading paused globally by an operator']);
  });

  it('halted, degraded, maintenance and disabled each get their own label and reasons', () => {
    const halted = describeBotState(
      state({
        status: 'halted',
        verdict: {
          canEnter: false,
          canReduce: false,
          cancelOpenOrders: true,
          reasons: ['TENANT_HALTED'],
        },
      }),
    );
    expect([halted.label, halted.tone, halted.summary]).toEqual([
      'Halted',
      'bad',
      'No orders are placed.',
    ]);
    const degraded = describeBotState(
      state({
        status: 'degraded',
        verdict: {
          canEnter: false,
          canReduce: true,
          cancelOpenOrders: false,
          reasons: ['MARKET_DATA_STALE', 'MARKET_DATA_STALE'],
        },
        degradedReasons: ['market data 20 s old'],
      }),
    );
    expect(degraded.reasons).toEqual(['Market data is stale', 'market data 20 s old']);
    const maintenance = describeBotState(
      state({
        status: 'maintenance',
        product: {
          productId: 'bytelyst-trading',
          enabled: true,
          maintenance: { active: true, message: 'Database upgrade', expectedEndAt: null },
          version: 2,
          updatedAt: '2026-01-01T00:00:00.000Z',
        },
      }),
    );
    expect(maintenance.reasons).toContain('Database upgrade');
    expect(describeBotState(state({ status: 'disabled' })).label).toBe('Product disabled');
  });
});
