import {
  SEVERITY_RANK,
  type AlertKind,
  type AlertSeverity,
  type NotificationChannel,
  type NotificationSettings,
  type QuietHours,
} from '@bytelyst/trading-contracts';

/** What routing needs of an alert; the rest of the row does not change where it goes. */
export interface RoutableAlert {
  kind: AlertKind;
  severity: AlertSeverity;
}

/** One channel an alert goes to, and when: now, after quiet hours, or with the next digest. */
export interface Route {
  channel: NotificationChannel;
  /** Epoch ms; never before `now`. */
  sendAt: number;
  digest: boolean;
  reason: 'immediate' | 'quiet_hours' | 'digest';
}

const MINUTE = 60_000;
const DAY_MINUTES = 1440;

/**
 * Where one user's copy of an alert goes. Pure: the user's settings and the clock in, routes out.
 * A muted kind goes nowhere; each enabled rule whose kinds and minimum severity admit the alert
 * gives one route; low severities wait for the digest; quiet hours delay the rest to their end
 * (critical alerts pass when the user allows it).
 */
export function routeAlert(
  alert: RoutableAlert,
  settings: NotificationSettings,
  now: number,
): Route[] {
  if (settings.mutedKinds.includes(alert.kind)) return [];
  const routes: Route[] = [];
  for (const rule of settings.rules) {
    if (!rule.enabled) continue;
    if (SEVERITY_RANK[alert.severity] < SEVERITY_RANK[rule.minSeverity]) continue;
    if (rule.kinds.length > 0 && !rule.kinds.includes(alert.kind)) continue;
    if (routes.some((r) => r.channel === rule.channel)) continue;
    routes.push({ channel: rule.channel, ...timing(alert, settings, now) });
  }
  return routes;
}

function timing(
  alert: RoutableAlert,
  settings: NotificationSettings,
  now: number,
): Omit<Route, 'channel'> {
  const { digest, quietHours } = settings;
  if (digest.enabled && SEVERITY_RANK[alert.severity] <= SEVERITY_RANK[digest.maxSeverity]) {
    // Digests go out on fixed boundaries so every alert of one window lands in one message.
    const every = digest.intervalMinutes * MINUTE;
    const boundary = Math.floor(now / every) * every + every;
    const sendAt = quietHours ? Math.max(boundary, quietEnd(quietHours, boundary)) : boundary;
    return { sendAt, digest: true, reason: 'digest' };
  }
  if (quietHours && !(alert.severity === 'critical' && quietHours.allowCritical)) {
    const end = quietEnd(quietHours, now);
    if (end > now) return { sendAt: end, digest: false, reason: 'quiet_hours' };
  }
  return { sendAt: now, digest: false, reason: 'immediate' };
}

/** When quiet hours around `at` end (epoch ms), or `at` itself when outside them. */
export function quietEnd(q: QuietHours, at: number): number {
  const start = minutesOf(q.start);
  const end = minutesOf(q.end);
  if (start === end) return at;
  const local = localMinuteOfDay(at, q.timeZone);
  // A window may wrap midnight (22:00-07:00).
  const inside = start < end ? local >= start && local < end : local >= start || local < end;
  if (!inside) return at;
  const minutesLeft = (end - local + DAY_MINUTES) % DAY_MINUTES;
  // Land on the minute the window ends (seconds of `at` dropped).
  return at - (at % MINUTE) + minutesLeft * MINUTE;
}

const minutesOf = (hhmm: string): number => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

/** Minutes since local midnight in an IANA zone (Intl carries the zone rules; no I/O). */
export function localMinuteOfDay(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}

/** A zone name Intl knows; settings with any other are refused before they are stored. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}
