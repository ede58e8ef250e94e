import { NotificationSettings } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { ruleFor, toggleMuted, withQuietHours, withRule } from './notification-draft';

const base = NotificationSettings.parse({
  rules: [{ channel: 'email', enabled: true, kinds: ['fill'], minSeverity: 'info' }],
});

describe('notification settings edits', () => {
  it('changes one channel and keeps the rest, including kinds set on the web', () => {
    expect(ruleFor(base, 'push')).toEqual({
      channel: 'push',
      enabled: false,
      kinds: [],
      minSeverity: 'warning',
    });
    const on = withRule(base, 'push', { enabled: true, minSeverity: 'critical' });
    expect(on.rules).toHaveLength(2);
    const email = withRule(on, 'email', { minSeverity: 'warning' });
    expect(ruleFor(email, 'email')).toEqual({
      channel: 'email',
      enabled: true,
      kinds: ['fill'],
      minSeverity: 'warning',
    });
    // Every draft is a body the API accepts.
    expect(NotificationSettings.safeParse(email).success).toBe(true);
  });

  it('mutes and unmutes kinds, and sets quiet hours in the phone zone', () => {
    const muted = toggleMuted(base, 'fill');
    expect(muted.mutedKinds).toEqual(['fill']);
    expect(toggleMuted(muted, 'fill').mutedKinds).toEqual([]);
    const quiet = withQuietHours(base, true, 'Europe/Berlin');
    expect(quiet.quietHours).toEqual({
      start: '22:00',
      end: '07:00',
      timeZone: 'Europe/Berlin',
      allowCritical: true,
    });
    expect(withQuietHours(quiet, false, 'UTC').quietHours).toBeNull();
    expect(NotificationSettings.safeParse(quiet).success).toBe(true);
  });
});
