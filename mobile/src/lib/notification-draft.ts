import type {
  AlertKind,
  AlertSeverity,
  NotificationChannel,
  NotificationRule,
  NotificationSettings,
  QuietHours,
} from '@bytelyst/trading-contracts';

/** A channel's rule as shown: the stored one, or off with "warning and above". */
export const ruleFor = (s: NotificationSettings, channel: NotificationChannel): NotificationRule =>
  s.rules.find((r) => r.channel === channel) ?? {
    channel,
    enabled: false,
    kinds: [],
    minSeverity: 'warning',
  };

/** Replaces (or adds) one channel's rule, keeping the others and their order. */
export function withRule(
  s: NotificationSettings,
  channel: NotificationChannel,
  patch: Partial<Pick<NotificationRule, 'enabled' | 'minSeverity'>>,
): NotificationSettings {
  const next = { ...ruleFor(s, channel), ...patch };
  const has = s.rules.some((r) => r.channel === channel);
  return {
    ...s,
    rules: has ? s.rules.map((r) => (r.channel === channel ? next : r)) : [...s.rules, next],
  };
}

export const toggleMuted = (s: NotificationSettings, kind: AlertKind): NotificationSettings => ({
  ...s,
  mutedKinds: s.mutedKinds.includes(kind)
    ? s.mutedKinds.filter((k) => k !== kind)
    : [...s.mutedKinds, kind],
});

/** Quiet hours on (22:00-07:00 in the phone's zone, critical still delivered) or off. */
export function withQuietHours(
  s: NotificationSettings,
  on: boolean,
  timeZone: string,
): NotificationSettings {
  if (!on) return { ...s, quietHours: null };
  const q: QuietHours = s.quietHours ?? {
    start: '22:00',
    end: '07:00',
    timeZone,
    allowCritical: true,
  };
  return { ...s, quietHours: q };
}

export const SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'critical'];
