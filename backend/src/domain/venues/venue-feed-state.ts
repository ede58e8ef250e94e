import type { VenueFeedState } from '@bytelyst/trading-contracts';

/** What a feed reports of itself (the ccxt market feed's `health()`), times in ms epoch. */
export interface FeedHealthFacts {
  readonly mode: 'starting' | 'stream' | 'polling' | 'stopped';
  readonly lastDataAt: number | null;
  readonly outages: number;
  readonly gapsFilled: number;
  readonly pollErrors: number;
  readonly streamAnswered: boolean | null;
  /** Real time the feed started following the venue (after markets and history loaded). */
  readonly followingSince: number | null;
}

/** One venue feed as its owner knows it: started (with health), still starting, or failed. */
export type FeedFacts =
  | { readonly kind: 'started'; readonly health: FeedHealthFacts }
  | { readonly kind: 'starting'; readonly since: number }
  | { readonly kind: 'failed'; readonly since: number; readonly error: string };

/**
 * The surfaces' view of one venue feed, and whether its venue has been silent since start.
 * `silenceMs` is the feed's own bound for a silent stream: a feed is judged only once that
 * long has passed since it began, so a stream that answers within its bound is never flagged.
 * Pure: the caller reads the real clock.
 */
export function venueFeedState(o: {
  feed: string;
  venueId: string;
  facts: FeedFacts;
  now: number;
  silenceMs: number;
}): VenueFeedState {
  const { facts, venueId } = o;
  const base = {
    feed: o.feed,
    venueId,
    outages: 0,
    gapsFilled: 0,
    pollErrors: 0,
    lastDataAt: null,
    streamAnswered: null,
  };
  if (facts.kind === 'failed')
    return {
      ...base,
      mode: 'failed',
      silentSinceStart: true,
      problem: `${venueId} market data did not start: ${facts.error}`.slice(0, 200),
    };
  if (facts.kind === 'starting') {
    const late = o.now - facts.since > o.silenceMs;
    return {
      ...base,
      mode: 'starting',
      silentSinceStart: late,
      problem: late ? `${venueId} market data has not answered since it started` : null,
    };
  }
  const h = facts.health;
  const judged = h.followingSince !== null && o.now - h.followingSince > o.silenceMs;
  const neverAnswered = h.streamAnswered === false && judged;
  return {
    feed: o.feed,
    venueId,
    mode: h.mode,
    streamAnswered: h.streamAnswered,
    silentSinceStart: neverAnswered,
    outages: h.outages,
    gapsFilled: h.gapsFilled,
    pollErrors: h.pollErrors,
    lastDataAt: h.lastDataAt === null ? null : new Date(h.lastDataAt).toISOString(),
    problem: problemOf(venueId, h, neverAnswered),
  };
}

function problemOf(venueId: string, h: FeedHealthFacts, neverAnswered: boolean): string | null {
  const failed = h.pollErrors > 0 ? `, ${h.pollErrors} failed polls` : '';
  if (neverAnswered)
    return `${venueId} stream has not answered since start: polling the REST API${failed}`;
  // A venue without streams polls by design: only failures are worth saying.
  if (h.mode === 'polling' && h.streamAnswered === null)
    return h.pollErrors > 0 ? `${venueId} market data: ${h.pollErrors} failed polls` : null;
  if (h.mode === 'polling')
    return `${venueId} stream lost (${h.outages} outages): polling the REST API${failed}`;
  return null;
}
