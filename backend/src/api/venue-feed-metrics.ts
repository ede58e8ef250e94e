import type { VenueFeedState } from '@bytelyst/trading-contracts';
import { Gauge, type Registry } from 'prom-client';

const MODES: readonly VenueFeedState['mode'][] = [
  'starting',
  'stream',
  'polling',
  'stopped',
  'failed',
];

/**
 * The venue market-data feeds in `/metrics`, read from their health at scrape time (the feeds
 * keep the counts; nothing is counted twice). Totals since the feed started are gauges: a feed
 * that is started again begins from zero, which a counter may not do.
 */
export function venueFeedMetrics(registry: Registry) {
  let source: () => readonly VenueFeedState[] = () => [];
  const each = (
    name: string,
    help: string,
    value: (s: VenueFeedState, now: number) => number | null,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['feed'] as const,
      registers: [registry],
      collect() {
        this.reset();
        const now = Date.now();
        for (const s of source()) {
          const v = value(s, now);
          if (v !== null) this.set({ feed: s.feed }, v);
        }
      },
    });
  new Gauge({
    name: 'venue_feed_mode',
    help: 'Mode of each venue market-data feed (1 for its current mode)',
    labelNames: ['feed', 'mode'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const s of source())
        for (const mode of MODES) this.set({ feed: s.feed, mode }, s.mode === mode ? 1 : 0);
    },
  });
  each('venue_feed_outages', 'Stream losses since the feed started', (s) => s.outages);
  each(
    'venue_feed_gaps_filled',
    'Candle gaps back-filled from klines since start',
    (s) => s.gapsFilled,
  );
  each('venue_feed_poll_errors', 'Failed REST polls since the feed started', (s) => s.pollErrors);
  each(
    'venue_feed_silent_since_start',
    '1 while the venue has not answered since the feed started (past the silence bound)',
    (s) => (s.silentSinceStart ? 1 : 0),
  );
  each('venue_feed_data_age_seconds', 'Age of the newest venue tick or candle', (s, now) =>
    s.lastDataAt === null ? null : Math.max(0, (now - Date.parse(s.lastDataAt)) / 1000),
  );
  return {
    /** Where the feeds' states come from (the composition root's VenueFeeds). */
    follow(states: () => readonly VenueFeedState[]): void {
      source = states;
    },
  };
}
