import { AppError } from '@bytelyst/trading-contracts';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStores, uniqueId, type TestStore } from '../../../test-support/db.js';
import type { EngineFacade } from '../engine-facade.js';
import type { ChangeBus } from '../../ports/change-bus.js';
import { tenantScope } from '../../ports/store.js';
import { CommandRelay } from './command-relay.js';

const quietBus: ChangeBus = {
  publish: async () => undefined,
  announce: async () => undefined,
  subscribe: () => () => undefined,
  dispose: async () => undefined,
};

describe.each(testStores())('command relay deadlines on %s', (driver) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(driver);
  });
  afterAll(() => t?.cleanup());

  const relay = (tenant: string, held: string[], calls: unknown[]) =>
    new CommandRelay({
      store: t.store,
      bus: quietBus,
      instanceId: `i-${held.length}`,
      held: () => held,
      logger: pino({ level: 'silent' }),
      engine: {
        submitManualOrder: async (input: unknown) => {
          calls.push(input);
          return { kind: 'denied', decision: null, reasons: ['TEST'], message: 'ran' };
        },
      } as unknown as EngineFacade,
    });

  it('a command nobody takes before its deadline expires and is never executed', async () => {
    const tenant = uniqueId('tenant');
    await t.store.ensureTenant({ id: tenant, name: tenant });
    const calls: unknown[] = [];
    const requester = relay(tenant, [], calls);
    const input = {
      tenantId: tenant,
      userId: 'u1',
      requestId: 'r1',
      orderKey: uniqueId('key'),
      body: {},
    } as unknown as Parameters<EngineFacade['submitManualOrder']>[0];
    const err = await requester.forward('trade', input, Date.now() + 300).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('ORDER_DEADLINE_PASSED');
    const c = await t.store.getCommand(tenantScope(tenant), input.orderKey);
    expect(c?.status).toBe('expired');
    // The owner shows up afterwards: it claims nothing and runs nothing.
    const owner = relay(tenant, [tenant], calls);
    owner.kick();
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toEqual([]);
  });

  it('a command claimed after its deadline comes back expired, not running', async () => {
    const tenant = uniqueId('tenant');
    await t.store.ensureTenant({ id: tenant, name: tenant });
    await t.store.submitCommand(tenantScope(tenant), {
      id: 'late',
      kind: 'trade',
      payload: {},
      deadlineAt: new Date(Date.now() - 1000).toISOString(),
    });
    const claimed = await t.store.claimCommands({
      tenantIds: [tenant],
      instanceId: 'owner',
      staleRunningMs: 15_000,
    });
    expect(claimed.map((c) => c.status)).toEqual(['expired']);
  });

  it('the owner runs a pending command and the requester gets its answer', async () => {
    const tenant = uniqueId('tenant');
    await t.store.ensureTenant({ id: tenant, name: tenant });
    const calls: unknown[] = [];
    const owner = relay(tenant, [tenant], calls);
    owner.start();
    try {
      const requester = relay(tenant, [], []);
      const r = await requester.forward(
        'trade',
        {
          tenantId: tenant,
          userId: 'u1',
          requestId: 'r2',
          orderKey: uniqueId('key'),
          body: {},
        } as unknown as Parameters<EngineFacade['submitManualOrder']>[0],
        Date.now() + 5000,
      );
      expect(r).toMatchObject({ kind: 'denied', message: 'ran' });
      expect(calls).toHaveLength(1);
    } finally {
      owner.stop();
    }
  });
});
