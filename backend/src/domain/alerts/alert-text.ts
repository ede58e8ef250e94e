import type { Alert, AlertKind, AlertSeverity } from '@bytelyst/trading-contracts';

/** One line per alert; the same words on every channel. */
export const alertLine = (a: Alert): string =>
  `[${a.severity.toUpperCase()}] ${a.kind.replace('_', ' ')}: ${a.message}`;

export function alertSubject(alerts: readonly Alert[], digest: boolean): string {
  const first = alerts[0];
  if (!first) return 'No alerts';
  if (digest || alerts.length > 1) return `Alert digest: ${alerts.length} alert(s)`;
  return `[${first.severity.toUpperCase()}] ${first.code}`.slice(0, 120);
}

export function alertBody(alerts: readonly Alert[]): string {
  return alerts.map((a) => `${alertLine(a)} (${a.createdAt})`).join('\n');
}

/** What a digest window held: the numbers a reader scans before the lines. */
export interface DigestSummary {
  count: number;
  /** ISO times of the first and last alert in the window. */
  from: string;
  to: string;
  bySeverity: Partial<Record<AlertSeverity, number>>;
  byKind: Partial<Record<AlertKind, number>>;
}

export function digestSummary(alerts: readonly Alert[]): DigestSummary {
  const bySeverity: DigestSummary['bySeverity'] = {};
  const byKind: DigestSummary['byKind'] = {};
  let from = '';
  let to = '';
  for (const a of alerts) {
    bySeverity[a.severity] = (bySeverity[a.severity] ?? 0) + 1;
    byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
    if (!from || a.createdAt < from) from = a.createdAt;
    if (a.createdAt > to) to = a.createdAt;
  }
  return { count: alerts.length, from, to, bySeverity, byKind };
}

const hhmm = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
const counts = (o: Partial<Record<string, number>>) =>
  Object.entries(o)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0) || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k.replace('_', ' ')} ${n ?? 0}`)
    .join(', ');

/** "7 alerts, 2026-12-07 12:00 to 12:58 UTC: critical 1, info 6. By kind: fill 6, outage 1." */
export function digestHeadline(s: DigestSummary): string {
  const to = s.to.slice(0, 10) === s.from.slice(0, 10) ? s.to.slice(11, 16) : hhmm(s.to);
  return (
    `${s.count} alert(s), ${hhmm(s.from)} to ${to} UTC: ${counts(s.bySeverity)}. ` +
    `By kind: ${counts(s.byKind)}.`
  );
}

/** Lines a digest lists before it points to the alert centre for the rest. */
export const DIGEST_LINES = 100;

/** A digest's text: the headline, then one line per alert (the first DIGEST_LINES). */
export function digestBody(alerts: readonly Alert[]): string {
  const lines = alerts.slice(0, DIGEST_LINES).map((a) => `${alertLine(a)} (${a.createdAt})`);
  const more = alerts.length - DIGEST_LINES;
  return [
    digestHeadline(digestSummary(alerts)),
    '',
    ...lines,
    ...(more > 0 ? [`... and ${more} more in the alert centre.`] : []),
  ].join('\n');
}
