// @vitest-environment node
import { TRADING_EVENTS } from '@bytelyst/trading-contracts';
import { describe, expect, it, vi } from 'vitest';
import { backoffDelay, connectRealtime, type ConnectionState } from './realtime.js';
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

describe('connectRealtime always comes back', () => {
  const setup = (o: { refresh?: () => Promise<unknown> } = {}) => {
    const fake = fakeSocket();
    const states: string[] = [];
    const calls: string[] = [];
    let reconnected = 0;
    const conn = connectRealtime({
      url: 'http://api',
      namespace: '/trading',
      events: TRADING_EVENTS,
      getToken: async () => 'tok',
      refreshToken: async () => {
        calls.push(`refresh@${fake.socket.connects}`);
        return o.refresh?.();
      },
      connect: fake.connect,
      backoff: { baseMs: 1000, maxMs: 4000, random: () => 1 },
      onEvent: () => undefined,
      onState: (s, d) => states.push(d ? `${s}:${d}` : s),
      onReconnected: () => reconnected++,
    });
    fake.fire('connect');
    return { fake, states, calls, conn, reconnected: () => reconnected };
  };

  it('a server-side disconnect (shutdown, deploy) reconnects with backoff and refetches on return', async () => {
    vi.useFakeTimers();
    try {
      const s = setup();
      s.fake.socket.active = false; // what socket.io does on "io server disconnect"
      s.fake.fire('disconnect', 'io server disconnect');
      expect(s.states.at(-1)).toBe('disconnected:io server disconnect');
      await vi.advanceTimersByTimeAsync(999);
      expect(s.fake.socket.connects).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(s.fake.socket.connects).toBe(1);
      expect(s.states.at(-1)).toBe('connecting:io server disconnect');
      // The server is still down: socket.io's own retries report transport errors meanwhile.
      s.fake.fire('connect_error', new Error('websocket error'));
      expect(s.states.at(-1)).toBe('disconnected:websocket error');
      s.fake.fire('connect');
      expect(s.states.at(-1)).toBe('connected');
      expect(s.reconnected()).toBe(1);
      expect(s.states).not.toContain('ended');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a refused token is refreshed before the next attempt; delays grow and are capped', async () => {
    vi.useFakeTimers();
    try {
      const s = setup();
      const refuse = () => {
        s.fake.socket.active = false;
        s.fake.fire(
          'connect_error',
          Object.assign(new Error('TOKEN_INVALID'), { data: { code: 'TOKEN_INVALID' } }),
        );
      };
      s.fake.fire('disconnect', 'transport close'); // active: socket.io retries by itself
      expect(s.fake.socket.connects).toBe(0);
      refuse();
      await vi.advanceTimersByTimeAsync(1000);
      expect(s.calls).toEqual(['refresh@0']);
      expect(s.fake.socket.connects).toBe(1);
      refuse();
      await vi.advanceTimersByTimeAsync(1999);
      expect(s.fake.socket.connects).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(s.calls).toEqual(['refresh@0', 'refresh@1']);
      expect(s.fake.socket.connects).toBe(2);
      refuse();
      await vi.advanceTimersByTimeAsync(4000);
      refuse();
      await vi.advanceTimersByTimeAsync(4000); // capped at maxMs
      expect(s.fake.socket.connects).toBe(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it('an expired session refreshes and reconnects; a revoked one ends', async () => {
    vi.useFakeTimers();
    try {
      const s = setup();
      s.fake.fire('session_ended', { reason: 'token_expired' });
      s.fake.socket.active = false;
      s.fake.fire('disconnect', 'io server disconnect');
      await vi.advanceTimersByTimeAsync(1000);
      expect(s.calls).toEqual(['refresh@0']);
      expect(s.fake.socket.connects).toBe(1);
      s.fake.fire('connect');
      s.fake.fire('session_ended', { reason: 'revoked' });
      s.fake.socket.active = false;
      s.fake.fire('disconnect', 'io server disconnect');
      await vi.advanceTimersByTimeAsync(10_000);
      expect(s.fake.socket.connects).toBe(1);
      expect(s.states.at(-1)).toBe('ended:revoked');
    } finally {
      vi.useRealTimers();
    }
  });

  it('close() cancels a scheduled attempt', async () => {
    vi.useFakeTimers();
    try {
      const s = setup();
      s.fake.socket.active = false;
      s.fake.fire('disconnect', 'io server disconnect');
      s.conn.close();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(s.fake.socket.connects).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('backoff: equal jitter between half and the whole step, capped', () => {
    expect(backoffDelay(0, { baseMs: 500, random: () => 0 })).toBe(250);
    expect(backoffDelay(0, { baseMs: 500, random: () => 1 })).toBe(500);
    expect(backoffDelay(3, { baseMs: 500, maxMs: 5000, random: () => 1 })).toBe(4000);
    expect(backoffDelay(30, { baseMs: 500, maxMs: 5000, random: () => 0.5 })).toBe(3750);
  });
});
