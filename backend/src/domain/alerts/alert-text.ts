import type { Alert } from '@bytelyst/trading-contracts';

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
