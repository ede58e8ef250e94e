import { NotificationSettings, type NotificationSettingsInput } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { quietEnd, routeAlert } from './route-alert.js';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './retry-policy.js';

const settings = (input: NotificationSettingsInput) => NotificationSettings.parse(input);
const at = (iso: string) => Date.parse(iso);

const allChannels = settings({
  rules: [
    { channel: 'push', enabled: true, minSeverity: 'warning' },
    { channel: 'email', enabled: true, minSeverity: 'critical' },
    { channel: 'webhook', enabled: true, minSeverity: 'info', kinds: ['fill', 'drawdown'] },
  ],
});

describe('routeAlert', () => {
  const noon = at('2026-12-07T12:00:30.000Z');

  it('sends nothing for a muted kind, even when critical', () => {
    const muted = { ...allChannels, mutedKinds: ['drawdown' as const] };
    expect(routeAlert({ kind: 'drawdown', severity: 'critical' }, muted, noon)).toEqual([]);
    expect(routeAlert({ kind: 'mismatch', severity: 'critical' }, muted, noon)).toHaveLength(2);
  });

  it('routes severities as configured', () => {
    const channels = (severity: 'info' | 'warning' | 'critical', kind = 'mismatch' as const) =>
      routeAlert({ kind, severity }, allChannels, noon).map((r) => r.channel);
    expect(channels('info')).toEqual([]);
    expect(channels('warning')).toEqual(['push']);
    expect(channels('critical')).toEqual(['push', 'email']);
    expect(routeAlert({ kind: 'fill', severity: 'info' }, allChannels, noon)).toEqual([
      { channel: 'webhook', sendAt: noon, digest: false, reason: 'immediate' },
    ]);
  });

  it('skips a disabled rule', () => {
    const off = settings({ rules: [{ channel: 'push', enabled: false, minSeverity: 'info' }] });
    expect(routeAlert({ kind: 'fill', severity: 'critical' }, off, noon)).toEqual([]);
  });

  it('delays to the end of quiet hours, across midnight and in the user zone', () => {
    const quiet = {
      ...allChannels,
      quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin', allowCritical: true },
    };
    // 23:30 in Berlin (UTC+1 in December): held until 07:00 Berlin = 06:00 UTC.
    const night = at('2026-12-07T22:30:45.000Z');
    const [push] = routeAlert({ kind: 'mismatch', severity: 'warning' }, quiet, night);
    expect(push).toEqual({
      channel: 'push',
      sendAt: at('2026-12-08T06:00:00.000Z'),
      digest: false,
      reason: 'quiet_hours',
    });
    // Critical passes when allowed, and is held when not.
    const crit = routeAlert({ kind: 'mismatch', severity: 'critical' }, quiet, night);
    expect(crit.map((r) => r.sendAt)).toEqual([night, night]);
    const strict = { ...quiet, quietHours: { ...quiet.quietHours, allowCritical: false } };
    const held = routeAlert({ kind: 'mismatch', severity: 'critical' }, strict, night);
    expect(held.every((r) => r.sendAt === at('2026-12-08T06:00:00.000Z'))).toBe(true);
    // Outside the window nothing waits.
    expect(routeAlert({ kind: 'mismatch', severity: 'warning' }, quiet, noon)[0]?.sendAt).toBe(
      noon,
    );
  });

  it('holds low severities for the next digest boundary', () => {
    const digest = settings({
      rules: [{ channel: 'email', enabled: true, minSeverity: 'info' }],
      digest: { enabled: true, maxSeverity: 'warning', intervalMinutes: 60 },
    });
    const [info] = routeAlert({ kind: 'fill', severity: 'warning' }, digest, noon);
    expect(info).toMatchObject({ sendAt: at('2026-12-07T13:00:00.000Z'), digest: true });
    const [crit] = routeAlert({ kind: 'fill', severity: 'critical' }, digest, noon);
    expect(crit).toMatchObject({ sendAt: noon, digest: false });
  });
});

describe('quietEnd', () => {
  it('handles a same-day window and an empty one', () => {
    const q = { start: '09:00', end: '17:00', timeZone: 'UTC', allowCritical: true };
    expect(quietEnd(q, at('2026-12-07T10:15:00.000Z'))).toBe(at('2026-12-07T17:00:00.000Z'));
    expect(quietEnd(q, at('2026-12-07T17:00:00.000Z'))).toBe(at('2026-12-07T17:00:00.000Z'));
    const none = { ...q, end: '09:00' };
    expect(quietEnd(none, at('2026-12-07T10:15:00.000Z'))).toBe(at('2026-12-07T10:15:00.000Z'));
  });
});

describe('retryDelayMs', () => {
  it('grows, is capped, and is the same for the same delivery', () => {
    const delays = Array.from({ length: MAX_DELIVERY_ATTEMPTS }, (_, i) =>
      retryDelayMs(i + 1, 'd1'),
    );
    for (let i = 1; i < delays.length; i++)
      expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? 0);
    expect(retryDelayMs(1, 'd1')).toBeGreaterThanOrEqual(15_000);
    expect(retryDelayMs(50, 'd1')).toBeLessThanOrEqual(30 * 60_000 * 1.1);
    expect(retryDelayMs(3, 'd1')).toBe(retryDelayMs(3, 'd1'));
  });
});
