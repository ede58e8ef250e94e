import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  API_ROUTES,
  DEFAULT_FEATURE_FLAGS,
  type ApiRouteName,
  type FeatureFlags,
} from '@bytelyst/trading-contracts';
import { createFakeAdmin } from './fake-admin';
import { buildFixtures } from './fixtures';
import { buildBooks } from './fixtures-books';

/**
 * A stand-in for the trading backend at the HTTP boundary, for browser tests that force states
 * (a degraded feed, a denied order) the real backend cannot be put into on demand. It serves
 * API_ROUTES with contract-checked fixtures: every body is parsed by the route's response schema
 * before it leaves, so the fake cannot drift from the contract unnoticed.
 */
export interface FakeReply {
  status: number;
  body: unknown;
}
type Handler = (input: {
  body: unknown;
  query: URLSearchParams;
  role: string;
  tenant: string;
  requestId: string;
}) => FakeReply;

const ok = (body: unknown): FakeReply => ({ status: 200, body });
const page = (items: unknown[]) => ok({ items, nextCursor: null });

function claims(
  req: IncomingMessage,
): { role: string; tenant: string; sub: string; email: string | null } | null {
  const auth = req.headers.authorization ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const c = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    return {
      role: String(c.role),
      tenant: String(c.tenant),
      sub: String(c.sub),
      email: typeof c.email === 'string' ? c.email : null,
    };
  } catch {
    return null;
  }
}

export async function startFakeBackend(opts: { flags?: Partial<FeatureFlags> } = {}) {
  const now = Date.now();
  const fx = buildFixtures(now);
  const books = buildBooks(fx, now);
  const flags: FeatureFlags = { ...DEFAULT_FEATURE_FLAGS, ...opts.flags };
  const overrides = new Map<ApiRouteName, Handler>();
  let requestSeq = 0;
  const closed: unknown[] = [];
  const admin = createFakeAdmin(fx, now);
  const adminOnly = (role: string, requestId: string, reply: () => FakeReply): FakeReply =>
    role === 'operator' || role === 'tenant_admin'
      ? reply()
      : {
          status: 403,
          body: {
            error: { code: 'FORBIDDEN', message: 'You are not allowed to do this.', requestId },
          },
        };

  const handlers: Partial<Record<ApiRouteName, Handler>> = {
    healthLive: () =>
      ok({
        status: 'ok',
        service: 'fake-backend',
        version: '0.0.0',
        time: new Date().toISOString(),
        checks: [],
      }),
    featureFlags: () => ok({ flags, source: 'config', updatedAt: new Date(now).toISOString() }),
    botState: () => ok(admin.botState()),
    adminControls: ({ role, requestId }) =>
      adminOnly(role, requestId, () => ok({ controls: admin.controls, product: null })),
    adminSetControl: ({ role, requestId, body }) =>
      adminOnly(role, requestId, () =>
        admin.setControl(body as Parameters<typeof admin.setControl>[0], requestId),
      ),
    adminConfig: ({ role, requestId }) =>
      adminOnly(role, requestId, () => ok({ entries: admin.config })),
    adminPutConfig: ({ role, requestId, body }) =>
      adminOnly(role, requestId, () =>
        admin.putConfig(body as Parameters<typeof admin.putConfig>[0], requestId),
      ),
    adminAudit: ({ role, requestId }) => adminOnly(role, requestId, () => page(admin.audit)),
    adminClusters: ({ role, requestId }) =>
      adminOnly(role, requestId, () =>
        ok({
          items: [
            {
              strategy: 'sma-cross',
              symbol: 'BTC-USD',
              profiles: 4,
              tenants: 2,
              openPositions: 3,
              realizedPnl: '812.40',
              unrealizedPnl: '-35.10',
            },
          ],
        }),
      ),
    adminSignals: ({ role, requestId }) => adminOnly(role, requestId, () => page(fx.decisions)),
    adminEntries: ({ role, requestId }) =>
      adminOnly(role, requestId, () => page(fx.orders.filter((o) => o.side === 'BUY'))),
    strategies: () => ok({ items: fx.strategies }),
    listProfiles: () => ok({ items: fx.profiles }),
    listVenueAccounts: () => ok({ items: fx.venueAccounts }),
    positions: () => ok({ items: fx.positions }),
    orders: () => page(fx.orders),
    trades: () => page(fx.trades),
    ledger: () => page(fx.ledger),
    equity: () => ok({ items: fx.equity }),
    portfolio: () => ok(books.portfolio),
    equitySeries: () => ok(books.series),
    analytics: () => ok(books.analytics),
    decisions: ({ query }) =>
      page(fx.decisions.filter((d) => !query.get('action') || d.action === query.get('action'))),
    alertCounts: () => ok({ open: 1, bySeverity: { info: 0, warning: 1, critical: 0 } }),
    alerts: () =>
      page([
        {
          id: 'a-1',
          tenantId: 'acme',
          profileId: null,
          severity: 'warning',
          kind: 'outage',
          code: 'MARKET_DATA_STALE',
          message: 'BTC-USD feed paused for 21 s; entries were skipped',
          state: 'open',
          acknowledged: false,
          acknowledgedBy: null,
          acknowledgedAt: null,
          resolvedBy: null,
          resolvedAt: null,
          createdAt: new Date(now - 600_000).toISOString(),
        },
      ]),
    prices: () =>
      ok({
        prices: [
          { symbol: 'BTC-USD', price: fx.lastPrice, at: new Date(now).toISOString() },
          { symbol: 'ETH-USD', price: '3150.25', at: new Date(now).toISOString() },
        ],
        instruments: [
          {
            symbol: 'BTC-USD',
            base: 'BTC',
            quote: 'USD',
            kind: 'crypto',
            tickSize: '0.01',
            lotSize: '0.0001',
            minNotional: '10',
          },
          {
            symbol: 'ETH-USD',
            base: 'ETH',
            quote: 'USD',
            kind: 'crypto',
            tickSize: '0.01',
            lotSize: '0.001',
            minNotional: '10',
          },
        ],
      }),
    candles: ({ query }) => ok({ items: query.get('symbol') === 'BTC-USD' ? fx.candles : [] }),
    close: ({ body }) => {
      closed.push(body);
      return ok({ order: { ...fx.orders[1], id: 'o-close', origin: 'close' }, decisionId: null });
    },
    membership: () =>
      ok({
        plan: 'pro',
        limits: { maxProfiles: 10, maxSymbolsPerProfile: 5, maxCapital: '100000' },
        usage: { profiles: fx.profiles.length, capital: '15000' },
      }),
    marketplacePresets: () =>
      ok({
        items: [
          {
            id: 'preset-btc-breakout',
            name: 'BTC Donchian breakout',
            description: 'Trend following on 15-minute BTC candles with a 20/10 channel.',
            timeframe: '15m',
            symbols: ['BTC-USD'],
            strategy: {
              strategy: 'donchian-breakout',
              params: { entryPeriod: 20, exitPeriod: 10 },
            },
            risk: fx.profiles[0]?.risk,
          },
        ],
      }),
    trade: ({ body, requestId }) => {
      const b = body as { quantity: string };
      if (Number(b.quantity) > 1) {
        return {
          status: 422,
          body: {
            error: {
              code: 'ORDER_DENIED',
              message: 'The order was denied by a risk or control rule.',
              requestId,
              details: { reasons: ['MAX_ORDER_NOTIONAL: notional=128000.00 max=2500'] },
            },
          },
        };
      }
      return ok({
        order: {
          ...fx.orders[0],
          id: 'o-manual',
          origin: 'manual',
          clientOrderId: 'blt-acme-manual',
        },
        decisionId: null,
      });
    },
  };

  const routes = Object.entries(API_ROUTES).map(([name, r]) => ({
    name: name as ApiRouteName,
    method: r.method,
    re: new RegExp(`^${r.path.replace(/:[A-Za-z_]+/g, '[^/]+')}$`),
  }));

  const send = (res: ServerResponse, reply: FakeReply, requestId: string) => {
    res.writeHead(reply.status, { 'content-type': 'application/json', 'x-request-id': requestId });
    res.end(JSON.stringify(reply.body));
  };

  const server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
    res.setHeader(
      'access-control-allow-headers',
      'authorization, content-type, x-request-id, idempotency-key, x-preview-as',
    );
    res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
    res.setHeader('access-control-expose-headers', 'x-request-id');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    requestSeq++;
    const requestId = String(req.headers['x-request-id'] ?? `fake-${requestSeq}`);
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = routes.find((r) => r.method === req.method && r.re.test(url.pathname));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!route)
        return send(
          res,
          { status: 404, body: { error: { code: 'NOT_FOUND', message: 'Not found.', requestId } } },
          requestId,
        );
      const who = claims(req);
      if (!who && API_ROUTES[route.name].access !== 'public') {
        return send(
          res,
          {
            status: 401,
            body: {
              error: { code: 'UNAUTHENTICATED', message: 'Sign-in is required.', requestId },
            },
          },
          requestId,
        );
      }
      const preview = req.headers['x-preview-as'] === 'customer';
      const role = preview ? 'user' : (who?.role ?? 'user');
      if (route.name === 'me') {
        return send(
          res,
          ok({
            userId: who?.sub ?? 'u',
            tenantId: who?.tenant ?? 'acme',
            email: who?.email ?? null,
            displayName: null,
            role,
            preview,
          }),
          requestId,
        );
      }
      const handler = overrides.get(route.name) ?? handlers[route.name];
      if (!handler)
        return send(
          res,
          {
            status: 404,
            body: { error: { code: 'NOT_FOUND', message: `fake has no ${route.name}`, requestId } },
          },
          requestId,
        );
      const raw = Buffer.concat(chunks).toString('utf8');
      const reply = handler({
        body: raw ? (JSON.parse(raw) as unknown) : undefined,
        query: url.searchParams,
        role,
        tenant: who?.tenant ?? 'acme',
        requestId,
      });
      if (reply.status === 200) API_ROUTES[route.name].response.parse(reply.body);
      send(res, reply, requestId);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    fixtures: fx,
    books,
    defaultFlags: flags,
    closed,
    admin,
    override: (name: ApiRouteName, handler: Handler) => overrides.set(name, handler),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type FakeBackend = Awaited<ReturnType<typeof startFakeBackend>>;
