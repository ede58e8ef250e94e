import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Timeframe } from '@bytelyst/trading-contracts';
import type { PaperAccount } from '../../src/adapters/exchange/paper/paper-account.js';
import type { ExecutionReport } from '../../src/ports/execution-client.js';
import type { Bar } from '../../src/ports/market-data.js';
import { BinanceError } from './binance-errors.js';
import { binanceSymbol } from './binance-format.js';
import { verifySignedRequest } from './signed-request.js';
import { timeframeOf, wsText } from './stream-events.js';

/** What the streams need from the exchange around them. */
export interface StreamVenue {
  now(): number;
  /** The time signatures are checked against (the exchange's wall clock). */
  authNow(): number;
  /** The account an API key opens, with its secret; undefined for an unknown key. */
  key(apiKey: string): { accountId: string; secret: string } | undefined;
  account(accountId: string): PaperAccount;
  /** The user-data events one paper report makes (executionReport, then balances on a fill). */
  userEvents(account: PaperAccount, report: ExecutionReport): readonly object[];
  /** Our symbol for Binance's, or undefined. */
  symbolOf(binance: string): string | undefined;
}

const LISTEN_KEY_TTL_MS = 60 * 60_000;

interface MarketSocket {
  readonly ws: WebSocket;
  readonly streams: Set<string>;
  /** Combined-stream sockets (/stream) wrap each event as {stream, data}. */
  readonly combined: boolean;
}

interface UserSocket {
  readonly ws: WebSocket;
  readonly accountId: string;
  /** WebSocket API subscriptions wrap each event as {subscriptionId, event}. */
  readonly subscriptionId: number | null;
}

/**
 * Binance's spot WebSocket endpoints on the local exchange's HTTP server:
 * - market streams at `/ws`, `/ws/<stream>` and `/stream?streams=a/b`, with SUBSCRIBE /
 *   UNSUBSCRIBE / LIST_SUBSCRIPTIONS requests (`<symbol>@kline_<interval>`, `<symbol>@ticker`,
 *   `<symbol>@miniTicker`);
 * - the user-data stream at `/ws/<listenKey>` (keys made and kept alive over REST);
 * - the WebSocket API at `/ws-api/v3` with `userDataStream.subscribe.signature` (HMAC-checked:
 *   what ccxt's spot `watchOrders` / `watchBalance` use) and `ping` / `time`.
 * `marketOutage(true)` cuts every market stream and refuses new ones until lifted.
 */
export class LocalBinanceStreams {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly market = new Set<MarketSocket>();
  private readonly users = new Set<UserSocket>();
  private readonly listenKeys = new Map<string, { accountId: string; expiresAt: number }>();
  private readonly followed = new Map<string, (r: ExecutionReport) => void>();
  private outage = false;
  private subscriptionSeq = 0;

  constructor(private readonly venue: StreamVenue) {}

  attach(server: Server): void {
    server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
  }

  marketOutage(on: boolean): void {
    this.outage = on;
    if (on) for (const m of this.market) m.ws.terminate();
  }

  /** Market sockets open now (tests check a feed's reconnects). */
  marketSockets(): number {
    return this.market.size;
  }

  createListenKey(accountId: string): string {
    const key = randomBytes(32).toString('base64url').slice(0, 60);
    this.listenKeys.set(key, { accountId, expiresAt: this.venue.now() + LISTEN_KEY_TTL_MS });
    return key;
  }

  /** PUT and DELETE /api/v3/userDataStream: only the account's own key may be touched. */
  keepAlive(listenKey: string, accountId: string, close = false): void {
    const k = this.listenKeys.get(listenKey);
    if (!k || k.accountId !== accountId) throw new BinanceError('listenKeyNotFound');
    if (close) {
      this.listenKeys.delete(listenKey);
      return;
    }
    k.expiresAt = this.venue.now() + LISTEN_KEY_TTL_MS;
  }

  /** A price moved: the symbol's ticker streams (`@ticker`, and `@miniTicker`, ccxt's default). */
  ticker(symbol: string, event: { full: object; mini: object }): void {
    const name = binanceSymbol(symbol).toLowerCase();
    this.publish(`${name}@ticker`, event.full);
    this.publish(`${name}@miniTicker`, event.mini);
  }

  /** A candle updated (`closed` false) or closed: its kline stream. */
  kline(bar: Bar, event: object): void {
    this.publish(`${binanceSymbol(bar.symbol).toLowerCase()}@kline_${bar.timeframe}`, event);
  }

  /** Streams someone listens to, as (symbol, timeframe) pairs for klines. */
  wantedKlines(): { symbol: string; timeframe: Timeframe }[] {
    const out = new Map<string, { symbol: string; timeframe: Timeframe }>();
    for (const m of this.market)
      for (const s of m.streams) {
        const match = /^([a-z0-9]+)@kline_(\w+)$/.exec(s);
        const symbol = match ? this.venue.symbolOf(match[1]!.toUpperCase()) : undefined;
        const timeframe = match ? timeframeOf(match[2]!) : null;
        if (symbol && timeframe) out.set(s, { symbol, timeframe });
      }
    return [...out.values()];
  }

  /** Expired listen keys end their streams (Binance sends listenKeyExpired first). */
  expireKeys(): void {
    const now = this.venue.now();
    for (const [key, k] of this.listenKeys) {
      if (k.expiresAt > now) continue;
      this.listenKeys.delete(key);
      for (const u of this.users)
        if (u.subscriptionId === null && u.accountId === k.accountId) {
          u.ws.send(JSON.stringify({ e: 'listenKeyExpired', E: now, listenKey: key }));
          u.ws.close();
        }
    }
  }

  async close(): Promise<void> {
    for (const m of this.market) m.ws.terminate();
    for (const u of this.users) u.ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private publish(stream: string, event: object): void {
    let plain: string | undefined;
    for (const m of this.market) {
      if (!m.streams.has(stream)) continue;
      if (m.combined) m.ws.send(JSON.stringify({ stream, data: event }));
      else m.ws.send((plain ??= JSON.stringify(event)));
    }
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname.replace(/\/$/, '');
    const listenKey = path.startsWith('/ws/') ? path.slice(4) : '';
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (this.listenKeys.has(listenKey)) {
      const accountId = this.listenKeys.get(listenKey)?.accountId ?? '';
      return this.wss.handleUpgrade(req, socket, head, (ws) => this.openUser(ws, accountId, null));
    }
    if (path === '/ws-api/v3')
      return this.wss.handleUpgrade(req, socket, head, (ws) => this.openApi(ws));
    const isMarket = path === '/ws' || path === '/stream' || path.startsWith('/ws/');
    if (!isMarket) return refuse('404 Not Found');
    if (this.outage) return refuse('503 Service Unavailable');
    const initial =
      path === '/stream'
        ? (url.searchParams.get('streams') ?? '').split('/')
        : listenKey.includes('@')
          ? [listenKey]
          : [];
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const m: MarketSocket = {
        ws,
        streams: new Set(initial.filter((s) => s.length > 0)),
        combined: path === '/stream',
      };
      this.market.add(m);
      ws.on('close', () => this.market.delete(m));
      ws.on('message', (data) => this.onMarketRequest(m, wsText(data)));
    });
  }

  private onMarketRequest(m: MarketSocket, text: string): void {
    let req: { method?: unknown; params?: unknown; id?: unknown };
    try {
      req = JSON.parse(text) as typeof req;
    } catch {
      m.ws.send(JSON.stringify({ error: { code: 2, msg: 'Invalid JSON' }, id: null }));
      return;
    }
    const params = Array.isArray(req.params) ? req.params.map(String) : [];
    const id = req.id ?? null;
    switch (req.method) {
      case 'SUBSCRIBE':
        for (const p of params) m.streams.add(p);
        return m.ws.send(JSON.stringify({ result: null, id }));
      case 'UNSUBSCRIBE':
        for (const p of params) m.streams.delete(p);
        return m.ws.send(JSON.stringify({ result: null, id }));
      case 'LIST_SUBSCRIPTIONS':
        return m.ws.send(JSON.stringify({ result: [...m.streams], id }));
      default:
        m.ws.send(JSON.stringify({ error: { code: 1, msg: 'Unknown method' }, id }));
    }
  }

  private openUser(ws: WebSocket, accountId: string, subscriptionId: number | null): void {
    const u: UserSocket = { ws, accountId, subscriptionId };
    this.users.add(u);
    this.follow(accountId);
    ws.on('close', () => this.users.delete(u));
  }

  /** One handler per account on the paper venue; it fans reports out to the account's sockets. */
  private follow(accountId: string): void {
    if (this.followed.has(accountId)) return;
    const account = this.venue.account(accountId);
    const handler = (r: ExecutionReport) => {
      const events = this.venue.userEvents(account, r);
      for (const u of this.users) {
        if (u.accountId !== accountId) continue;
        for (const event of events)
          u.ws.send(
            JSON.stringify(
              u.subscriptionId === null ? event : { subscriptionId: u.subscriptionId, event },
            ),
          );
      }
    };
    account.handlers.add(handler);
    this.followed.set(accountId, handler);
  }

  private openApi(ws: WebSocket): void {
    ws.on('message', (data) => {
      let req: { id?: unknown; method?: unknown; params?: Record<string, unknown> };
      try {
        req = JSON.parse(wsText(data)) as typeof req;
      } catch {
        return ws.send(JSON.stringify({ id: null, status: 400, error: { code: -1102 } }));
      }
      const id = req.id ?? null;
      const answer = (result: unknown) => ws.send(JSON.stringify({ id, status: 200, result }));
      try {
        switch (req.method) {
          case 'ping':
            return answer({});
          case 'time':
            return answer({ serverTime: this.venue.now() });
          case 'userDataStream.subscribe.signature': {
            const accountId = this.verify(req.params ?? {});
            const subscriptionId = this.subscriptionSeq++;
            answer({ subscriptionId });
            return this.openUser(ws, accountId, subscriptionId);
          }
          default:
            throw new BinanceError('unknownRoute');
        }
      } catch (error) {
        const e = error instanceof BinanceError ? error : new BinanceError('unknownRoute');
        ws.send(JSON.stringify({ id, status: e.status, error: e.body() }));
      }
    });
  }

  /** A WebSocket API request is signed like REST: HMAC of its sorted params but the signature. */
  private verify(params: Record<string, unknown>): string {
    const apiKey = typeof params.apiKey === 'string' ? params.apiKey : '';
    const key = this.venue.key(apiKey);
    if (!key) throw new BinanceError('invalidKey');
    const query = Object.keys(params)
      .filter((k) => k !== 'signature')
      .sort()
      .map((k) => `${k}=${String(params[k])}`)
      .join('&');
    verifySignedRequest({
      query: `${query}&signature=${typeof params.signature === 'string' ? params.signature : ''}`,
      body: '',
      secret: key.secret,
      now: this.venue.authNow(),
    });
    return key.accountId;
  }
}
