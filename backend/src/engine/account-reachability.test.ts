import { describe, expect, it } from 'vitest';
import { ExecutionError, type ExecutionClient } from '../ports/execution-client.js';
import { makeProfile } from '../../test-support/engine/fixtures.js';
import { createHarness } from '../../test-support/engine/harness.js';

const quiet = {
  strategy: 'donchian-breakout' as const,
  params: { entryPeriod: 500, exitPeriod: 500 },
};

/** A venue account's client that stops answering (timeouts) while `down.on`. */
function flaky(client: ExecutionClient, down: { on: boolean }): ExecutionClient {
  const failing = new Set(['submitOrder', 'fetchBalances', 'fetchOrderByClientId']);
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        down.on && failing.has(String(prop))
          ? Promise.reject(new ExecutionError({ kind: 'retryable', venueCode: 'TIMEOUT' }))
          : (value as (...a: unknown[]) => unknown).apply(target, args);
    },
  });
}

/** An unreachable venue account holds back only the profiles on it, not its whole tenant. */
describe('an unreachable venue account', () => {
  it('blocks entries of its own profiles only, and clears when it answers again', async () => {
    const down = { on: false };
    const h = createHarness({
      seed: 3,
      venueClient: (tenantId, accountId, paper) =>
        flaky(paper.client(`${tenantId}:${accountId}`), down),
    });
    await h.startTenant('t1', [
      makeProfile({ id: 'p-venue', tenantId: 't1', strategy: quiet, venueAccountId: 'va-1' }),
      makeProfile({ id: 'p-paper', tenantId: 't1', strategy: quiet }),
    ]);
    await h.run(3 * 60_000);
    const buy = (profileId: string) =>
      h.engine.submitManualOrder({
        tenantId: 't1',
        userId: 'u1',
        requestId: `r-${profileId}-${h.clock.now()}`,
        body: {
          profileId,
          symbol: 'BTC-USD',
          side: 'BUY',
          type: 'MARKET',
          quantity: '0.01',
          reduceOnly: false,
        },
      });

    down.on = true;
    const failed = await buy('p-venue');
    expect(failed.kind === 'placed' ? failed.order.status : failed.kind).toBe('REJECTED');
    expect(h.engine.verdictFor('t1', 'p-venue').reasons).toContain('EXCHANGE_UNREACHABLE');
    expect(h.engine.verdictFor('t1', 'p-paper').reasons).not.toContain('EXCHANGE_UNREACHABLE');
    // The other account trades on; the tenant's own view says a venue is down.
    expect((await buy('p-paper')).kind).toBe('placed');
    expect(h.engine.botState('t1').degradedReasons).toContain('EXCHANGE_UNREACHABLE');
    expect(h.engine.health().tenants[0]?.venueUnreachable).toBe(true);

    down.on = false;
    await h.run(30_000);
    expect(h.engine.verdictFor('t1', 'p-venue').reasons).not.toContain('EXCHANGE_UNREACHABLE');
    expect(h.engine.health().tenants[0]?.venueUnreachable).toBe(false);
    expect((await buy('p-venue')).kind).toBe('placed');
    await h.engine.stop();
  });
});
