import { describe, expect, it } from 'vitest';
import { type FeedHealthFacts, venueFeedState } from './venue-feed-state.js';

const T = 1_765_000_000_000;
const healthy: FeedHealthFacts = {
  mode: 'stream',
  lastDataAt: T - 1000,
  outages: 0,
  gapsFilled: 0,
  pollErrors: 0,
  streamAnswered: true,
  followingSince: T - 60_000,
};
const state = (facts: Parameters<typeof venueFeedState>[0]['facts'], now = T) =>
  venueFeedState({ feed: 'binance:live', venueId: 'binance', facts, now, silenceMs: 15_000 });

describe('venueFeedState', () => {
  it('says nothing is wrong while the stream delivers', () => {
    expect(state({ kind: 'started', health: healthy })).toEqual({
      feed: 'binance:live',
      venueId: 'binance',
      mode: 'stream',
      streamAnswered: true,
      silentSinceStart: false,
      outages: 0,
      gapsFilled: 0,
      pollErrors: 0,
      lastDataAt: new Date(T - 1000).toISOString(),
      problem: null,
    });
  });

  it('flags a stream that never answered only once its silence bound has passed', () => {
    const silent = { ...healthy, mode: 'polling' as const, streamAnswered: false, outages: 1 };
    const early = state({
      kind: 'started',
      health: { ...silent, mode: 'stream', outages: 0, followingSince: T - 5_000 },
    });
    expect(early.silentSinceStart).toBe(false);
    expect(early.problem).toBeNull();
    const late = state({ kind: 'started', health: { ...silent, pollErrors: 2 } });
    expect(late.silentSinceStart).toBe(true);
    expect(late.problem).toBe(
      'binance stream has not answered since start: polling the REST API, 2 failed polls',
    );
  });

  it('names a lost stream and its outages, but not polling by design', () => {
    const lost = state({ kind: 'started', health: { ...healthy, mode: 'polling', outages: 3 } });
    expect(lost.silentSinceStart).toBe(false);
    expect(lost.problem).toBe('binance stream lost (3 outages): polling the REST API');
    const rest = { ...healthy, mode: 'polling' as const, streamAnswered: null };
    expect(state({ kind: 'started', health: rest }).problem).toBeNull();
    expect(state({ kind: 'started', health: { ...rest, pollErrors: 4 } }).problem).toBe(
      'binance market data: 4 failed polls',
    );
  });

  it('counts a start that never completes, or failed, as silent since start', () => {
    expect(state({ kind: 'starting', since: T - 1000 }).silentSinceStart).toBe(false);
    const stuck = state({ kind: 'starting', since: T - 20_000 });
    expect(stuck).toMatchObject({ mode: 'starting', silentSinceStart: true });
    expect(stuck.problem).toBe('binance market data has not answered since it started');
    const failed = state({ kind: 'failed', since: T, error: 'ECONNREFUSED' });
    expect(failed).toMatchObject({ mode: 'failed', silentSinceStart: true });
    expect(failed.problem).toBe('binance market data did not start: ECONNREFUSED');
  });
});
