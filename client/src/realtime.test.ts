// @vitest-environment node
import { TRADING_EVENTS } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { connectRealtime, type ConnectionState } from './realtime.js';
import { fakeSocket } from './testing/fake-socket.js';

describe('connectRealtime', () => {
  it('passes parsed payloads on, drops invalid ones, and tracks the connection', async () => {
    const fake = fakeSocket();
    const events: [string, unknown][] = [];
    const invalid: string[] = [];
    const states: ConnectionState[] = [];
    connectRealtime({
      url: 'http://api',
      namespace: '/trading',
      events: TRADING_EVENTS,
      getToken: async () => 'tok-1',
      connect: fake.connect,
      onEvent: (name, payload) => events.push([name, payload]),
      onState: (s) => states.push(s),
      onInvalid: (name) => invalid.push(name),
    });
    await expect(fake.auth()).resolves.toEqual({ token: 'tok-1' });
    fake.fire('connect');
    fake.fire('price', { symbol: 'BTC-USD', price: '100.5', at: '2026-01-01T00:00:00.000Z' });
    fake.fire('price', { symbol: 'BTC-USD', price: 100.5, at: 'yesterday' });
    fake.fire('disconnect', 'transport close');
    fake.fire('session_ended', { reason: 'revoked' });
    expect(events).toEqual([
      ['price', { symbol: 'BTC-USD', price: '100.5', at: '2026-01-01T00:00:00.000Z' }],
    ]);
    expect(invalid).toEqual(['price']);
    expect(states).toEqual(['connecting', 'connected', 'disconnected', 'ended']);
  });
});
