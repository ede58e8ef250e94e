/**
 * check:websocket-contract: connects to every namespace and validates every event payload against
 * its schema while the bot state goes through its lifecycle (running -> paused -> halted ->
 * running) and a manual order produces order, fill and position events.
 */
import { randomUUID } from 'node:crypto';
import { ADMIN_EVENTS, PUBLIC_EVENTS, TRADING_EVENTS } from '@bytelyst/trading-contracts';
import type { z } from 'zod';
import {
  call,
  connectSocket,
  eventually,
  productStatus,
} from '../../test-support/backend-harness.js';
import { runCheck } from './check-kit.js';

await runCheck('websocket-contract', async ({ backend, tokens, fail }) => {
  const seen = new Map<string, number>();
  const sockets = [
    { ns: '/trading', token: tokens.alice, table: TRADING_EVENTS },
    { ns: '/admin', token: tokens.admin, table: ADMIN_EVENTS },
    { ns: '/', token: null, table: PUBLIC_EVENTS },
  ].map(({ ns, token, table }) => {
    const s = connectSocket(backend, ns, token);
    s.onAny((event: string, payload: unknown) => {
      if (event === 'session_ended') return;
      const schema = (table as Record<string, z.ZodType>)[event];
      if (!schema) return fail(`${ns} emitted undeclared event ${event}`);
      const r = schema.safeParse(payload);
      if (!r.success)
        fail(
          `${ns} ${event} payload breaks its contract: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      seen.set(`${ns} ${event}`, (seen.get(`${ns} ${event}`) ?? 0) + 1);
    });
    return s;
  });
  await eventually(() => {
    if (!sockets.every((s) => s.connected)) throw new Error('sockets not connected');
  });
  const statuses: string[] = [];
  sockets[0]?.on('bot_state', (s: { status: string }) => statuses.push(s.status));
  for (const mode of ['PAUSED', 'HALTED', 'RUNNING'] as const) {
    await call(backend, {
      method: 'PUT',
      path: '/api/admin/trading-control',
      token: tokens.admin,
      body: { scope: 'tenant', targetId: 'acme', mode, reason: `lifecycle ${mode}` },
    });
    await eventually(() => {
      if (statuses.at(-1) !== mode.toLowerCase()) throw new Error(`bot_state never showed ${mode}`);
    }, 5000).catch(() =>
      fail(`bot_state did not reach ${mode.toLowerCase()} (saw ${statuses.join(', ')})`),
    );
  }
  backend.status.set(
    productStatus({
      maintenance: { active: true, message: 'check', expectedEndAt: null },
      version: 5,
    }),
  );
  backend.status.set(productStatus({ version: 6 }));
  await call(backend, {
    path: '/api/trade',
    token: tokens.alice,
    body: { profileId: 'p-alice-btc-trend', symbol: 'BTC-USD', side: 'BUY', quantity: '0.001' },
    headers: { 'idempotency-key': randomUUID() },
  });
  await eventually(() => {
    for (const e of ['order', 'fill', 'position', 'price', 'bot_state', 'control']) {
      if (!seen.has(`/trading ${e}`)) throw new Error(`no /trading ${e} event`);
    }
    for (const e of ['control', 'audit', 'bot_state'])
      if (!seen.has(`/admin ${e}`)) throw new Error(`no /admin ${e} event`);
    if (!seen.has('/ product_status')) throw new Error('no product_status event');
  }, 20_000).catch((e: unknown) => fail(String(e)));
  for (const s of sockets) s.disconnect();
});
