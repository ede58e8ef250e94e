import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Instrument } from '@bytelyst/trading-contracts';
import { PaperExchange } from '../../src/adapters/exchange/paper/paper-exchange.js';
import type { PaperAccount } from '../../src/adapters/exchange/paper/paper-account.js';
import { SimulatedMarket } from '../../src/adapters/market/simulated-market.js';
import { formatFixed, SCALE } from '../../src/domain/money/fixed.js';
import { ExecutionError } from '../../src/ports/execution-client.js';
import { type Clock, systemClock } from '../../src/ports/clock.js';
import { BinanceError, type BinanceErrorName } from './binance-errors.js';
import {
  accountJson,
  apiRestrictionsJson,
  binanceSymbol,
  exchangeInfoJson,
  orderIdOf,
  orderJson,
  tradeJson,
} from './binance-format.js';
import { klinesJson, tickerJson } from './market-endpoints.js';
import { verifySignedRequest } from './signed-request.js';
import { type PushVenue, onMarketEvent, publishTicker, userEventsOf } from './stream-push.js';
import { balancesOf } from './stream-events.js';
import { checkSpotBalance, chargeWeight, submitFromParams } from './submit-params.js';
import type {
  LocalBinanceAccount,
  LocalBinanceFault,
  LocalBinanceOptions,
  LoggedRequest,
} from './local-binance-types.js';
import { LocalBinanceStreams } from './ws-streams.js';

export type {
  LocalBinanceAccount,
  LocalBinanceFault,
  LocalBinanceOptions,
  LoggedRequest,
} from './local-binance-types.js';

const WARMUP_MS = 3 * 3_600_000;
const WEIGHT: Record<string, number> = {
  'GET /api/v3/exchangeInfo': 20,
  'GET /api/v3/account': 20,
  'GET /api/v3/klines': 2,
  'GET /api/v3/ticker/24hr': 2,
  'POST /api/v3/userDataStream': 2,
  'PUT /api/v3/userDataStream': 2,
  'DELETE /api/v3/userDataStream': 2,
};

/**
 * A local exchange that speaks Binance's spot REST and WebSocket protocols, for ccxt's `binance`
 * class (and its `pro` class) pointed at it by URL override. Orders match on the paper venue's
 * engine (same fills, fees and partial fills as paper trading), prices and klines come from the
 * seeded simulated market. Signed endpoints verify HMAC-SHA256 and timestamp/recvWindow; errors,
 * rate-limit headers and 429 + Retry-After are Binance's own. Every request is logged with the
 * key it carried. Streams (ws-streams.ts): klines, tickers, the user-data stream.
 */
export class LocalBinance {
  readonly exchange: PaperExchange;
  readonly market: SimulatedMarket;
  readonly requests: LoggedRequest[] = [];
  readonly streams: LocalBinanceStreams;
  private readonly clock: Clock;
  private readonly authClock: Clock;
  private pump: NodeJS.Timeout | null = null;
  private push: PushVenue | undefined;
  private restDown = false;
  private readonly keys = new Map<string, LocalBinanceAccount>();
  private readonly faults: { route: string; fault: LocalBinanceFault }[] = [];
  private readonly weight = new Map<string, { windowStart: number; used: number }>();
  private readonly created = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;

  constructor(private readonly o: LocalBinanceOptions = {}) {
    this.clock = o.clock ?? systemClock;
    const now = this.clock.now();
    this.market = new SimulatedMarket({
      clock: this.clock,
      seed: o.seed ?? 7,
      startTime: Math.floor((now - WARMUP_MS) / 60_000) * 60_000,
      historyLimit: 600,
    });
    this.exchange = new PaperExchange({
      clock: this.clock,
      instruments: this.market.instruments(),
      marketFillParts: o.marketFillParts ?? 2,
      startingCash: o.startingCash ?? '100000',
    });
    this.authClock = o.authClock ?? this.clock;
    this.streams = new LocalBinanceStreams({
      now: () => this.clock.now(),
      authNow: () => this.authClock.now(),
      key: (apiKey) => this.keys.get(apiKey),
      account: (id) => this.exchange.account(id),
      userEvents: (account, report) => userEventsOf(this.venueState(), { account, report }),
      symbolOf: (binance) =>
        this.instruments().find((i) => binanceSymbol(i.symbol) === binance)?.symbol,
    });
    this.market.subscribe((e) => onMarketEvent(this.venueState(), e));
    this.market.advanceTo(now);
  }

  /** The market catches up with the clock: prices move, candles close, streams push. */
  advance(): void {
    this.market.advanceTo(this.clock.now());
    this.streams.expireKeys();
  }

  /** Cuts every market stream and refuses new ones (REST stays up) until called with false. */
  marketOutage(on: boolean): void {
    this.streams.marketOutage(on);
  }

  /** Every REST call answers 503 until called with false (streams stay up). */
  restOutage(on: boolean): void {
    this.restDown = on;
  }

  private venueState(): PushVenue {
    return (this.push ??= {
      streams: this.streams,
      exchange: this.exchange,
      market: this.market,
      clock: this.clock,
      created: this.created,
      livePrices: this.o.livePrices ?? true,
    });
  }

  addAccount(a: LocalBinanceAccount): void {
    this.keys.set(a.apiKey, a);
  }

  /** The venue forgets a key (revoked by its owner): signed calls answer -2015 from now on. */
  revokeKey(apiKey: string): void {
    this.keys.delete(apiKey);
  }

  setPrice(symbol: string, price: number): void {
    this.exchange.setPrice(symbol, price);
    publishTicker(this.venueState(), symbol);
  }

  instruments(): readonly Instrument[] {
    return this.market.instruments();
  }

  /** The next request to `route` ("POST /api/v3/order", or "*" for any) meets `fault`. */
  injectFault(route: string, fault: LocalBinanceFault): void {
    this.faults.push({ route, fault });
  }

  /** Forgets faults that no request has met yet. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.streams.attach(server);
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    this.server = server;
    const pumpMs = this.o.pumpMs ?? 250;
    if (pumpMs > 0) {
      this.pump = setInterval(() => this.advance(), pumpMs);
      this.pump.unref();
    }
    const addr = server.address();
    if (addr === null || typeof addr === 'string') throw new Error('no address');
    return `http://${host}:${addr.port}`;
  }

  async close(): Promise<void> {
    if (this.pump) clearInterval(this.pump);
    this.pump = null;
    await this.streams.close();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server = null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    const body = await readBody(req);
    const apiKey = header(req, 'x-mbx-apikey');
    const log: LoggedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      apiKey,
      accountId: null,
      clientOrderId: null,
      status: 0,
      at: this.clock.now(),
    };
    this.requests.push(log);
    const fault = this.takeFault(route);
    if (fault === 'drop-before') return this.hang(res, log);
    try {
      if (fault === 'rate-limit') throw new BinanceError('tooManyRequests');
      if (fault === 'unavailable' || this.restDown)
        return this.send(res, log, 503, '<html>503 Service Unavailable</html>');
      // Binance counts REQUEST_WEIGHT per IP address, whatever key the request carries.
      const weight = chargeWeight(this.weight, {
        caller: req.socket.remoteAddress ?? '-',
        cost: WEIGHT[route] ?? 1,
        limit: this.o.weightPerMinute ?? 6000,
        now: this.clock.now(),
      });
      res.setHeader('X-MBX-USED-WEIGHT-1M', String(weight.used));
      if (weight.retryAfterS !== null) {
        res.setHeader('Retry-After', String(weight.retryAfterS));
        throw new BinanceError('tooManyRequests');
      }
      this.advance();
      const answer = await this.route(route, { url, body, apiKey, log });
      if (fault === 'drop-after') return this.hang(res, log);
      this.send(res, log, 200, JSON.stringify(answer));
    } catch (error) {
      if (error instanceof BinanceError) {
        if (error.status === 429 && !res.hasHeader('Retry-After'))
          res.setHeader('Retry-After', '1');
        return this.send(res, log, error.status, JSON.stringify(error.body()));
      }
      this.send(
        res,
        log,
        500,
        JSON.stringify({
          code: -1000,
          msg: 'An unknown error occurred while processing the request.',
        }),
      );
    }
  }

  private route(
    route: string,
    r: { url: URL; body: string; apiKey: string | null; log: LoggedRequest },
  ): unknown {
    const q = r.url.searchParams;
    switch (route) {
      case 'GET /api/v3/ping':
        return {};
      case 'GET /api/v3/time':
        return { serverTime: this.clock.now() };
      case 'GET /api/v3/exchangeInfo':
        return exchangeInfoJson(this.instruments(), this.clock.now());
      case 'GET /api/v3/klines':
        return klinesJson(this.market, { q, symbol: this.ourSymbol(q.get('symbol') ?? '') });
      case 'GET /api/v3/ticker/24hr':
        return tickerJson(
          { exchange: this.exchange, market: this.market, clock: this.clock },
          this.ourSymbol(q.get('symbol') ?? ''),
        );
    }
    if (route.endsWith(' /api/v3/userDataStream')) return this.userDataStream(route, r);
    const { account, params, key } = this.signed(r);
    r.log.accountId = key.accountId;
    r.log.clientOrderId = params.get('newClientOrderId') ?? params.get('origClientOrderId');
    switch (route) {
      case 'GET /api/v3/account':
        return this.accountJson(account, key);
      case 'GET /sapi/v1/account/apiRestrictions':
        return apiRestrictionsJson(key.canWithdraw ?? false);
      case 'POST /api/v3/order':
        return this.newOrder(account, params);
      case 'GET /api/v3/order':
        return this.orderJsonOf(account, this.findOrder(account, params, 'noSuchOrder'));
      case 'DELETE /api/v3/order':
        return this.cancel(account, params);
      case 'GET /api/v3/openOrders':
        return this.exchange
          .openOrders(account, this.ourSymbol(params.get('symbol') ?? ''))
          .map((o) => this.orderJsonOf(account, o.clientOrderId));
      case 'GET /api/v3/myTrades': {
        const symbol = this.ourSymbol(params.get('symbol') ?? '');
        const since = Number(params.get('startTime') ?? 0);
        const until = Number(params.get('endTime') ?? Infinity);
        const limit = Math.min(1000, Number(params.get('limit') ?? 500));
        return account.fills
          .filter((f) => f.symbol === symbol && f.at >= since && f.at <= until)
          .slice(0, limit)
          .map(tradeJson);
      }
      default:
        throw new BinanceError('unknownRoute');
    }
  }

  /** Listen keys need the API key only (Binance's USER_STREAM security type), no signature. */
  private userDataStream(route: string, r: { url: URL; body: string; apiKey: string | null }) {
    const key = r.apiKey === null ? undefined : this.keys.get(r.apiKey);
    if (!key) throw new BinanceError('invalidKey');
    if (route.startsWith('POST')) return { listenKey: this.streams.createListenKey(key.accountId) };
    const params = new URLSearchParams([r.url.search.replace(/^\?/, ''), r.body].join('&'));
    const listenKey = params.get('listenKey');
    if (!listenKey) throw new BinanceError('mandatoryParam');
    this.streams.keepAlive(listenKey, key.accountId, route.startsWith('DELETE'));
    return {};
  }

  private signed(r: { url: URL; body: string; apiKey: string | null }) {
    const key = r.apiKey === null ? undefined : this.keys.get(r.apiKey);
    if (!key) throw new BinanceError('invalidKey');
    const params = verifySignedRequest({
      query: r.url.search.replace(/^\?/, ''),
      body: r.body,
      secret: key.secret,
      now: this.authClock.now(),
    });
    return { key, params, account: this.exchange.account(key.accountId) };
  }

  private newOrder(account: PaperAccount, params: URLSearchParams) {
    const request = submitFromParams(params, (s) => this.ourSymbol(s));
    checkSpotBalance(account, { request, last: this.exchange.lastPrice(request.symbol) });
    let placed;
    try {
      placed = this.exchange.submit(account, request);
    } catch (error) {
      if (error instanceof ExecutionError && error.venueCode === 'DUPLICATE_CLIENT_ORDER_ID')
        throw new BinanceError('duplicateOrder');
      throw error;
    }
    if (placed.status === 'REJECTED') throw new BinanceError(rejection(placed.rejectReason));
    const now = this.clock.now();
    this.created.set(placed.clientOrderId, now);
    const fills = account.fills.filter((f) => f.clientOrderId === placed.clientOrderId);
    return {
      ...this.orderJsonOf(account, placed.clientOrderId),
      transactTime: now,
      fills: fills.map((f) => ({
        price: f.price,
        qty: f.quantity,
        commission: f.fee,
        commissionAsset: f.feeCurrency,
        tradeId: tradeJson(f).id,
      })),
    };
  }

  private cancel(account: PaperAccount, params: URLSearchParams) {
    const clientOrderId = this.findOrder(account, params, 'unknownOrder');
    const before = this.exchange.find(account, clientOrderId);
    if (!before || (before.status !== 'SUBMITTED' && before.status !== 'PARTIALLY_FILLED'))
      throw new BinanceError('unknownOrder');
    this.exchange.cancel(account, clientOrderId);
    return {
      ...this.orderJsonOf(account, clientOrderId),
      origClientOrderId: clientOrderId,
      clientOrderId: params.get('newClientOrderId') ?? `cancel-${clientOrderId}`.slice(0, 36),
      transactTime: this.clock.now(),
    };
  }

  private findOrder(
    account: PaperAccount,
    params: URLSearchParams,
    missing: BinanceErrorName,
  ): string {
    const byClient = params.get('origClientOrderId');
    const byId = params.get('orderId');
    if (byClient !== null) {
      if (!account.orders.has(byClient)) throw new BinanceError(missing);
      return byClient;
    }
    if (byId === null) throw new BinanceError('mandatoryParam');
    for (const o of account.orders.values())
      if (orderIdOf(o.exchangeOrderId) === Number(byId)) return o.clientOrderId;
    throw new BinanceError(missing);
  }

  private orderJsonOf(account: PaperAccount, clientOrderId: string) {
    const o = this.exchange.find(account, clientOrderId);
    if (!o) throw new BinanceError('noSuchOrder');
    const book = account.orders.get(clientOrderId);
    const quote = book ? formatFixed(book.filledValue / SCALE) : '0';
    return orderJson(o, {
      time: this.created.get(clientOrderId) ?? o.updatedAt,
      quoteFilled: quote,
    });
  }

  private accountJson(account: PaperAccount, key: LocalBinanceAccount) {
    return accountJson({
      balances: balancesOf(account, this.instruments()),
      canWithdraw: key.canWithdraw ?? false,
      now: this.clock.now(),
    });
  }

  private ourSymbol(binance: string): string {
    const i = this.instruments().find((x) => binanceSymbol(x.symbol) === binance);
    if (!i) throw new BinanceError('badSymbol');
    return i.symbol;
  }

  private takeFault(route: string): LocalBinanceFault | null {
    const i = this.faults.findIndex((f) => f.route === route || f.route === '*');
    if (i < 0) return null;
    return this.faults.splice(i, 1)[0]?.fault ?? null;
  }

  /** The answer is never sent; the socket closes when the server does (or after a minute). */
  private hang(res: ServerResponse, log: LoggedRequest): void {
    log.status = -1;
    setTimeout(() => res.socket?.destroy(), 60_000).unref();
  }

  private send(res: ServerResponse, log: LoggedRequest, status: number, body: string): void {
    log.status = status;
    res.statusCode = status;
    res.setHeader(
      'Content-Type',
      body.startsWith('<') ? 'text/html' : 'application/json;charset=UTF-8',
    );
    res.end(body);
  }
}

function rejection(reason: string | null): BinanceErrorName {
  if (reason === 'QUANTITY_NOT_ON_LOT') return 'lotSize';
  if (reason === 'PRICE_NOT_ON_TICK') return 'priceFilter';
  return 'orderRejected';
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
