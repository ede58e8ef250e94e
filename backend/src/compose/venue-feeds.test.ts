import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { venueFeedMetrics } from '../api/venue-feed-metrics.js';
import { systemClock } from '../ports/clock.js';
import { LocalBinance } from '../../test-support/local-binance/local-binance.js';
import { LOCAL_EXCHANGE_VENUE, VenueFeeds } from './venue-feeds.js';

const open: { close(): Promise<unknown> }[] = [];
afterAll(async () => {
  for (const o of open.reverse()) await o.close();
});

async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The venue feeds' health as the surfaces read it, against the local exchange: a stream that
 * never answers after start, a venue that does not answer at all, and the same in `/metrics`.
 */
describe('venue feed health (bot state, /metrics, the alert input)', () => {
  it('shows a stream silent since start, then its recovery, in states and metrics', async () => {
    const lb = new LocalBinance({ livePrices: false });
    const url = await lb.listen();
    open.push(lb);
    lb.marketOutage(true);
    const feeds = new VenueFeeds({
      clock: systemClock,
      symbols: ['BTC-USD'],
      urlOverrides: { [LOCAL_EXCHANGE_VENUE]: url },
      silenceMs: 400,
    });
    open.push({ close: () => feeds.dispose() });
    const registry = new Registry();
    venueFeedMetrics(registry).follow(() => feeds.states());

    await feeds.feedFor(LOCAL_EXCHANGE_VENUE, true);
    await until(() => feeds.states()[0]?.silentSinceStart === true, 'silent since start');
    const [state] = feeds.states();
    expect(state).toMatchObject({
      feed: 'localbinance:sandbox',
      venueId: 'localbinance',
      mode: 'polling',
      streamAnswered: false,
    });
    expect(state?.problem).toMatch(/^localbinance stream has not answered since start/);
    const text = await registry.metrics();
    expect(text).toContain('venue_feed_silent_since_start{feed="localbinance:sandbox"} 1');
    expect(text).toContain('venue_feed_mode{feed="localbinance:sandbox",mode="polling"} 1');
    expect(text).toContain('venue_feed_mode{feed="localbinance:sandbox",mode="stream"} 0');
    expect(text).toMatch(/venue_feed_outages\{feed="localbinance:sandbox"\} [1-9]/);

    lb.marketOutage(false);
    await until(() => lb.streams.wantedKlines().length > 0, 'resubscribed', 20_000);
    await until(() => feeds.states()[0]?.streamAnswered === true, 'the stream answering', 90_000);
    expect(feeds.states()[0]?.silentSinceStart).toBe(false);
    expect(await registry.metrics()).toContain(
      'venue_feed_silent_since_start{feed="localbinance:sandbox"} 0',
    );
  }, 120_000);

  it('keeps a venue that did not answer its start as failed, until it is asked again', async () => {
    const lb = new LocalBinance({ livePrices: false });
    const url = await lb.listen();
    await lb.close(); // nothing listens there any more
    const feeds = new VenueFeeds({
      clock: systemClock,
      symbols: ['BTC-USD'],
      urlOverrides: { [LOCAL_EXCHANGE_VENUE]: url },
      silenceMs: 400,
    });
    open.push({ close: () => feeds.dispose() });
    await expect(feeds.feedFor(LOCAL_EXCHANGE_VENUE, false)).rejects.toThrow();
    await until(() => feeds.states()[0]?.mode === 'failed', 'the failure kept');
    expect(feeds.states()).toEqual([
      expect.objectContaining({
        feed: 'localbinance:live',
        mode: 'failed',
        silentSinceStart: true,
        problem: expect.stringMatching(/^localbinance market data did not start: /),
      }),
    ]);
  });
});
