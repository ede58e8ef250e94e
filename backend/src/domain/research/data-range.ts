import type { TimeRange } from './walk-forward.js';

/**
 * The part of the data `[data.from, data.to)` inside a request's date range (`from`/`to` as ISO
 * instants, null = open). Empty (`from === to`) when they do not overlap.
 */
export function clipRange(
  data: TimeRange,
  settings: { from: string | null; to: string | null },
): TimeRange {
  const from = Math.max(data.from, settings.from === null ? data.from : Date.parse(settings.from));
  const to = Math.min(data.to, settings.to === null ? data.to : Date.parse(settings.to));
  return { from, to: Math.max(from, to) };
}
