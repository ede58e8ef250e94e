import {
  SOCKET_NAMESPACES,
  TRADING_EVENTS,
  type ApiResponse,
  type ApiRouteName,
  type Candle,
  type Position,
  type PriceTick,
  type TradingEventName,
} from '@bytelyst/trading-contracts';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { connectRealtime, type RealtimeConnection, type RealtimeOptions } from './realtime.js';

/**
 * The cache key prefix of one route; a route's cached inputs live under
 * `[...keyOf(name), input]`, so invalidating the prefix refetches every page of the route.
 */
export type RouteKeyOf = (name: ApiRouteName) => QueryKey;

export interface Invalidator {
  add(...names: ApiRouteName[]): void;
  dispose(): void;
}

/** Coalesces bursts of events into one refetch per route per interval. */
export function createInvalidator(opts: {
  client: QueryClient;
  keyOf: RouteKeyOf;
  delayMs: number;
}): Invalidator {
  const { client, keyOf, delayMs } = opts;
  const pending = new Set<ApiRouteName>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    for (const name of pending) void client.invalidateQueries({ queryKey: keyOf(name) });
    pending.clear();
  };
  return {
    add(...names) {
      for (const n of names) pending.add(n);
      timer ??= setTimeout(flush, delayMs);
    },
    dispose() {
      if (timer) clearTimeout(timer);
    },
  };
}

export function applyPrice(old: ApiResponse<'prices'> | undefined, tick: PriceTick) {
  if (!old) return old;
  const others = old.prices.filter((p) => p.symbol !== tick.symbol);
  return { ...old, prices: [...others, tick] };
}

/** Upserts a position; a flat position (quantity 0) leaves the open list. */
export function applyPosition(old: ApiResponse<'positions'> | undefined, p: Position) {
  if (!old) return old;
  const rest = old.items.filter((x) => !(x.profileId === p.profileId && x.symbol === p.symbol));
  const flat = /^-?0*(\.0*)?$/.test(p.quantity);
  return { items: flat ? rest : [...rest, p] };
}

/** Replaces the candle with the same open time or appends a new one, keeping time order. */
export function applyCandle(old: ApiResponse<'candles'> | undefined, c: Candle) {
  if (!old) return old;
  const last = old.items.at(-1);
  if (last && last.openTime === c.openTime) return { items: [...old.items.slice(0, -1), c] };
  if (last && last.openTime > c.openTime) return old;
  return { items: [...old.items, c] };
}

/** Routes to refetch after each trading event; events left out refetch nothing. */
export type TradingInvalidations = Partial<Record<TradingEventName, readonly ApiRouteName[]>>;

export interface TradingCacheOptions {
  client: QueryClient;
  keyOf: RouteKeyOf;
  invalidations: TradingInvalidations;
}

/** Writes an event that carries whole state (bot state, a price, a candle, a position) into the cache. */
export function writeTradingEvent(
  opts: Pick<TradingCacheOptions, 'client' | 'keyOf'>,
  event: { name: TradingEventName; payload: unknown },
): void {
  const { client, keyOf } = opts;
  switch (event.name) {
    case 'bot_state':
      client.setQueryData(keyOf('botState'), event.payload);
      return;
    case 'price':
      client.setQueryData(keyOf('prices'), (old: ApiResponse<'prices'> | undefined) =>
        applyPrice(old, event.payload as PriceTick),
      );
      return;
    case 'candle': {
      const c = event.payload as Candle;
      const prefix = keyOf('candles');
      client.setQueriesData(
        {
          queryKey: prefix,
          predicate: (q) => {
            const input = q.queryKey[prefix.length] as
              { symbol?: string; timeframe?: string } | undefined;
            return input?.symbol === c.symbol && (input.timeframe ?? '1m') === c.timeframe;
          },
        },
        (old: ApiResponse<'candles'> | undefined) => applyCandle(old, c),
      );
      return;
    }
    case 'portfolio':
      // The user's whole account revalued: the account query (no profile filter) takes it.
      client.setQueriesData(
        {
          queryKey: keyOf('portfolio'),
          predicate: (q) => q.queryKey.length === keyOf('portfolio').length,
        },
        () => event.payload,
      );
      return;
    case 'position':
      client.setQueriesData(
        { queryKey: keyOf('positions') },
        (old: ApiResponse<'positions'> | undefined) =>
          applyPosition(old, event.payload as Position),
      );
      return;
    default:
      return;
  }
}

export interface TradingCacheConnection {
  trading: RealtimeConnection;
  /** Shared with any further socket (the admin one) so their refetches coalesce too. */
  invalidator: Invalidator;
  close(): void;
}

/** How often every screen's data is refetched while the socket is down (banners state this). */
export const FALLBACK_POLL_MS = 10_000;

/**
 * Keeps the query cache live from the `/trading` socket: state that arrives whole is written
 * into the cache; lists whose pages the server owns are refetched in coalesced bursts, per the
 * surface's own `invalidations` table. While the socket is down every active query (whatever
 * tab is open) is refetched each `fallbackPollMs`; when it comes back, everything active is
 * refetched once, since pushes sent while it was down were missed.
 */
export function connectTradingCache(
  opts: TradingCacheOptions &
    Pick<
      RealtimeOptions<typeof TRADING_EVENTS>,
      'url' | 'getToken' | 'refreshToken' | 'onState' | 'connect' | 'backoff'
    > & {
      onSessionEnded?: RealtimeOptions<typeof TRADING_EVENTS>['onSessionEnded'];
      delayMs?: number;
      fallbackPollMs?: number;
    },
): TradingCacheConnection {
  const { client, keyOf, invalidations } = opts;
  const invalidator = createInvalidator({ client, keyOf, delayMs: opts.delayMs ?? 1000 });
  const pollMs = opts.fallbackPollMs ?? FALLBACK_POLL_MS;
  let poll: ReturnType<typeof setInterval> | null = null;
  const refetchActive = () => void client.refetchQueries({ type: 'active' });
  const trading = connectRealtime({
    url: opts.url,
    namespace: SOCKET_NAMESPACES.trading,
    events: TRADING_EVENTS,
    getToken: opts.getToken,
    refreshToken: opts.refreshToken,
    backoff: opts.backoff,
    onState: (state, detail) => {
      if (state === 'connected') {
        if (poll) clearInterval(poll);
        poll = null;
      } else {
        poll ??= setInterval(refetchActive, pollMs);
      }
      opts.onState(state, detail);
    },
    onReconnected: refetchActive,
    onSessionEnded: opts.onSessionEnded,
    connect: opts.connect,
    onEvent: (name, payload) => {
      writeTradingEvent({ client, keyOf }, { name, payload });
      const routes = invalidations[name];
      if (routes) invalidator.add(...routes);
    },
  });
  return {
    trading,
    invalidator,
    close: () => {
      if (poll) clearInterval(poll);
      poll = null;
      trading.close();
      invalidator.dispose();
    },
  };
}
