// @vitest-environment node
import {
  type ApiRouteName,
  type Candle,
  PAPER_VENUE_TAG,
  type Position,
} from '@bytelyst/trading-contracts';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FALLBACK_POLL_MS,
  applyCandle,
  applyPosition,
  applyPrice,
  connectTradingCache,
} from './query-bridge.js';
import { fakeSocket } from './testing/fake-socket.js';

const pos = (over: Partial<Position>): Position => ({
  tenantId: 'acme',
  profileId: 'p1',
  symbol: 'BTC-USD',
  quantity: '1',
  averageEntryPrice: '100',
  costBasis: '100',
  markPrice: '101',
  markAt: null,
  markStale: false,
  realizedPnl: '0',
  unrealizedPnl: '1',
  fees: '0',
  openedAt: null,
  venue: PAPER_VENUE_TAG,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const candle = (openTime: string, close: string): Candle => ({
  symbol: 'BTC-USD',
  timeframe: '1m',
  openTime,
  open: '100',
  high: '110',
  low: '90',
  close,
  volume: '1',
});

describe('socket events into the query cache', () => {
  it('upserts a position and drops it when it goes flat', () => {
    const start = { items: [pos({}), pos({ symbol: 'ETH-USD' })] };
    const moved = applyPosition(start, pos({ unrealizedPnl: '5' }));
    expect(moved?.items).toHaveLength(2);
    expect(moved?.items.find((p) => p.symbol === 'BTC-USD')?.unrealizedPnl).toBe('5');
    const flat = applyPosition(moved, pos({ quantity: '0' }));
    expect(flat?.items.map((p) => p.symbol)).toEqual(['ETH-USD']);
    expect(applyPosition(undefined, pos({}))).toBeUndefined();
  });

  it('replaces the forming candle, appends the next one and ignores an out-of-order one', () => {
    const a = candle('2026-01-01T00:00:00.000Z', '100');
    const start = { items: [a] };
    const updated = applyCandle(start, candle(a.openTime, '105'));
    expect(updated?.items).toHaveLength(1);
    expect(updated?.items[0]?.close).toBe('105');
    const next = applyCandle(updated, candle('2026-01-01T00:01:00.000Z', '106'));
    expect(next?.items).toHaveLength(2);
    expect(applyCandle(next, candle('2025-12-31T23:59:00.000Z', '1'))).toBe(next);
  });

  it('keeps one last price per symbol', () => {
    const start = {
      prices: [{ symbol: 'BTC-USD', price: '1', at: '2026-01-01T00:00:00.000Z' }],
      instruments: [],
    };
    const next = applyPrice(start, {
      symbol: 'BTC-USD',
      price: '2',
      at: '2026-01-01T00:00:01.000Z',
    });
    expect(next?.prices).toEqual([
      { symbol: 'BTC-USD', price: '2', at: '2026-01-01T00:00:01.000Z' },
    ]);
  });
});

describe('connectTradingCache', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const keyOf = (name: ApiRouteName, input?: unknown) =>
    input === undefined ? ['api', name] : ['api', name, input];

  function setup() {
    vi.useFakeTimers();
    const fake = fakeSocket();
    const client = new QueryClient();
    const live = connectTradingCache({
      client,
      keyOf,
      invalidations: { trade: ['trades', 'equity'], position: ['equity'] },
      url: 'http://api',
      getToken: () => 'tok',
      onState: () => undefined,
      connect: fake.connect,
    });
    return { fake, client, live };
  }

  it('writes whole state into the cache and candles only into the matching series', () => {
    const { fake, client, live } = setup();
    const btc = keyOf('candles', { symbol: 'BTC-USD', timeframe: '1m' });
    const eth = keyOf('candles', { symbol: 'ETH-USD', timeframe: '1m' });
    client.setQueryData(btc, { items: [] });
    client.setQueryData(eth, { items: [] });
    client.setQueryData(keyOf('positions'), { items: [] });
    fake.fire('candle', candle('2026-01-01T00:00:00.000Z', '101'));
    fake.fire('position', pos({}));
    expect(client.getQueryData<{ items: Candle[] }>(btc)?.items).toHaveLength(1);
    expect(client.getQueryData<{ items: Candle[] }>(eth)?.items).toHaveLength(0);
    expect(client.getQueryData<{ items: Position[] }>(keyOf('positions'))?.items).toEqual([
      pos({}),
    ]);
    live.close();
  });

  it('refetches only the routes the surface names for an event, after the burst', async () => {
    const { fake, client, live } = setup();
    for (const name of ['equity', 'trades', 'decisions'] as const) {
      client.setQueryData(keyOf(name), { items: [] });
    }
    const stale = (name: ApiRouteName) => client.getQueryState(keyOf(name))?.isInvalidated;
    fake.fire('trade', {}); // fails its schema: dropped, nothing refetched
    fake.fire('position', pos({}));
    fake.fire('decision', {});
    expect(stale('equity')).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect([stale('equity'), stale('trades'), stale('decisions')]).toEqual([true, false, false]);
    live.close();
  });

  it('while the socket is down every active query polls at FALLBACK_POLL_MS; a return refetches once', async () => {
    const { fake, client, live } = setup();
    const fetches: string[] = [];
    const { QueryObserver } = await import('@tanstack/react-query');
    // An active query, the way an open tab (History, Positions...) holds one.
    const observer = new QueryObserver(client, {
      queryKey: keyOf('trades'),
      queryFn: () => {
        fetches.push('trades');
        return { items: [] };
      },
      staleTime: Infinity,
    });
    const off = observer.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    fake.fire('connect');
    expect(fetches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(FALLBACK_POLL_MS * 3);
    expect(fetches).toHaveLength(1); // live: nothing polls
    fake.socket.active = false;
    fake.fire('disconnect', 'io server disconnect');
    await vi.advanceTimersByTimeAsync(FALLBACK_POLL_MS * 3);
    expect(fetches).toHaveLength(4); // three polls while down
    fake.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    expect(fetches).toHaveLength(5); // the missed pushes, refetched on return
    await vi.advanceTimersByTimeAsync(FALLBACK_POLL_MS * 3);
    expect(fetches).toHaveLength(5);
    off();
    live.close();
  });
});
