import { describe, expect, it } from 'vitest';
import { describeConnectivity, FALLBACK_POLL_MS, LIVE_POLL_MS } from './connectivity';

describe('describeConnectivity', () => {
  it('is live and polls slowly while the socket is connected', () => {
    expect(
      describeConnectivity({
        socket: 'connected',
        backendReachable: true,
        platformDegraded: false,
      }),
    ).toEqual({ level: 'live', message: null, pollMs: LIVE_POLL_MS });
  });

  it('falls back to fast polling when the socket drops', () => {
    const c = describeConnectivity({
      socket: 'disconnected',
      backendReachable: true,
      platformDegraded: false,
    });
    expect(c.level).toBe('polling');
    expect(c.pollMs).toBe(FALLBACK_POLL_MS);
    expect(c.message).toContain('disconnected');
  });

  it('says offline when the backend cannot be reached, whatever the socket says', () => {
    const c = describeConnectivity({
      socket: 'connected',
      backendReachable: false,
      platformDegraded: false,
    });
    expect(c.level).toBe('offline');
    expect(c.message).toContain('last known data');
  });

  it('names an unreachable platform even while the socket is up', () => {
    const c = describeConnectivity({
      socket: 'connected',
      backendReachable: true,
      platformDegraded: true,
    });
    expect(c.level).toBe('polling');
    expect(c.message).toContain('Platform service unreachable');
  });
});
