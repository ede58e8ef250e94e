// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createApiClient, buildPath, buildQuery, type FetchLike } from './api-client.js';
import { ApiError, describeError } from './api-error.js';

interface Seen {
  url: string;
  init: RequestInit;
}

/** A recorded exchange with the server: the one boundary these tests fake. */
function fakeServer(reply: (seen: Seen) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (url, init) => {
    const s = { url, init };
    seen.push(s);
    return reply(s);
  };
  return { fetch, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const botState = {
  status: 'running',
  verdict: { canEnter: true, canReduce: true, cancelOpenOrders: false, reasons: [] },
  product: null,
  productStatusAgeMs: null,
  globalMode: 'RUNNING',
  tenantMode: 'RUNNING',
  lastTickAt: '2026-01-01T00:00:00.000Z',
  lastLoopAt: null,
  degradedReasons: [],
  venueFeeds: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const ids = () => {
  let n = 0;
  return () => `req-${++n}`;
};

describe('createApiClient', () => {
  it('parses a response with the route schema and sends the request id', async () => {
    const server = fakeServer(() => json(200, botState));
    const api = createApiClient({
      baseUrl: 'http://api',
      fetch: server.fetch,
      newRequestId: ids(),
    });
    const state = await api.call('botState');
    expect(state.status).toBe('running');
    expect(server.seen[0]?.url).toBe('http://api/api/bot-state');
    expect((server.seen[0]?.init.headers as Record<string, string>)['x-request-id']).toBe('req-1');
  });

  it('rejects a response that does not match the contract instead of casting it', async () => {
    const server = fakeServer(() => json(200, { ...botState, status: 'sleeping' }));
    const api = createApiClient({ baseUrl: 'http://api', fetch: server.fetch });
    const err = await api.call('botState').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('INVALID_RESPONSE');
    expect((err as ApiError).message).toContain('status');
  });

  it('maps the error envelope to a typed ApiError with code, status and request id', async () => {
    const server = fakeServer(() =>
      json(422, {
        error: {
          code: 'ORDER_DENIED',
          message: 'The order was denied by a risk or control rule.',
          requestId: 'srv-7',
          details: { reasons: ['MAX_ORDER_NOTIONAL: notional=9000 max=2500'] },
        },
      }),
    );
    const api = createApiClient({ baseUrl: 'http://api', fetch: server.fetch });
    const err = (await api
      .call('trade', {
        body: { profileId: 'p1', symbol: 'BTC-USD', side: 'BUY', quantity: '1' },
        idempotencyKey: 'idem-1',
      })
      .catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('ORDER_DENIED');
    expect(err.status).toBe(422);
    expect(err.requestId).toBe('srv-7');
    expect(describeError(err)).toContain('MAX_ORDER_NOTIONAL');
    const init = server.seen[0]?.init;
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>)['idempotency-key']).toBe('idem-1');
    // Defaults from the body schema are applied before sending.
    expect(JSON.parse(init?.body as string)).toMatchObject({ type: 'MARKET', reduceOnly: false });
  });

  it('turns a body without an envelope into INVALID_RESPONSE with the echoed request id', async () => {
    const server = fakeServer(
      () =>
        new Response('<html>bad gateway</html>', {
          status: 502,
          headers: { 'x-request-id': 'edge-1' },
        }),
    );
    const api = createApiClient({ baseUrl: 'http://api', fetch: server.fetch });
    const err = (await api.call('me').catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('INVALID_RESPONSE');
    expect(err.status).toBe(502);
    expect(err.requestId).toBe('edge-1');
  });

  it('reports an unreachable server as NETWORK_UNREACHABLE', async () => {
    const api = createApiClient({
      baseUrl: 'http://api',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
      newRequestId: ids(),
    });
    const err = (await api.call('me').catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('NETWORK_UNREACHABLE');
    expect(err.requestId).toBe('req-1');
    expect(err.transient).toBe(true);
  });

  it('refuses invalid input before any request leaves', async () => {
    const server = fakeServer(() => json(200, {}));
    const api = createApiClient({ baseUrl: 'http://api', fetch: server.fetch });
    const err = (await api
      .call('trade', { body: { profileId: 'p1', symbol: 'btc', side: 'BUY', quantity: '-1' } })
      .catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('INVALID_REQUEST');
    expect(err.details?.issues?.map((i) => i.path)).toEqual(
      expect.arrayContaining(['symbol', 'quantity']),
    );
    expect(server.seen).toHaveLength(0);
  });

  it('builds paths and queries, encodes params and sends the preview header', async () => {
    const profile = { id: 'x' };
    const server = fakeServer(() => json(200, profile));
    const api = createApiClient({
      baseUrl: 'http://api',
      fetch: server.fetch,
      previewAs: () => 'customer',
    });
    // An id the contract refuses never leaves; one it accepts is percent-encoded into the path.
    await expect(api.call('getProfile', { params: { id: 'a b' } })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    expect(server.seen).toHaveLength(0);
    await api.call('getProfile', { params: { id: 'a:b' } }).catch(() => undefined);
    expect(server.seen[0]?.url).toBe('http://api/api/profiles/a%3Ab');
    expect((server.seen[0]?.init.headers as Record<string, string>)['x-preview-as']).toBe(
      'customer',
    );
    expect(buildPath('/api/profiles/:id/enable', { id: 'p/1' })).toBe('/api/profiles/p%2F1/enable');
    expect(buildQuery({ symbol: 'BTC-USD', cursor: undefined, limit: 50 })).toBe(
      '?symbol=BTC-USD&limit=50',
    );
    expect(buildQuery({})).toBe('');
  });

  it('revalidates GETs with the last ETag and reuses the answer on a 304', async () => {
    const policy = { allowed: ['alert.acknowledge'], updatedAt: null, updatedBy: null };
    let version = 'v1';
    const server = fakeServer((s) => {
      const sent = (s.init.headers as Record<string, string>)['if-none-match'];
      if (sent === `W/"${version}"`) return new Response(null, { status: 304 });
      return json(
        200,
        { ...policy, allowed: version === 'v1' ? policy.allowed : [] },
        {
          etag: `W/"${version}"`,
        },
      );
    });
    const api = createApiClient({
      baseUrl: 'http://api',
      fetch: server.fetch,
      revalidateEntries: 2,
    });
    const a = await api.call('mobilePolicy');
    const b = await api.call('mobilePolicy');
    expect(b).toEqual(a);
    const sent = server.seen.map(
      (s) => (s.init.headers as Record<string, string>)['if-none-match'],
    );
    expect(sent).toEqual([undefined, 'W/"v1"']);
    version = 'v2';
    expect((await api.call('mobilePolicy')).allowed).toEqual([]);
    api.forget();
    await api.call('mobilePolicy');
    expect(
      (server.seen.at(-1)?.init.headers as Record<string, string>)['if-none-match'],
    ).toBeUndefined();
    // Off by default: the web never sends a validator.
    const plain = createApiClient({ baseUrl: 'http://api', fetch: server.fetch });
    await plain.call('mobilePolicy');
    await plain.call('mobilePolicy');
    expect(
      (server.seen.at(-1)?.init.headers as Record<string, string>)['if-none-match'],
    ).toBeUndefined();
  });

  it("sends the surface's default headers, read per call, under the call's own", async () => {
    const server = fakeServer(() => json(200, { ok: true }));
    let device: string | null = null;
    const api = createApiClient({
      baseUrl: 'http://api',
      fetch: server.fetch,
      defaultHeaders: () => ({
        'x-client-surface': 'mobile',
        ...(device ? { 'x-client-device': device } : {}),
      }),
    });
    await api.call('me').catch(() => undefined);
    device = 'inst-12345678 phone';
    await api.call('me', { headers: { 'x-client-surface': 'web' } }).catch(() => undefined);
    const sent = server.seen.map((s) => s.init.headers as Record<string, string>);
    expect(sent[0]?.['x-client-surface']).toBe('mobile');
    expect(sent[0]?.['x-client-device']).toBeUndefined();
    expect(sent[1]).toMatchObject({
      'x-client-surface': 'web',
      'x-client-device': 'inst-12345678 phone',
    });
  });

  it('returns a 503 readiness body as data, but not an arbitrary 5xx body', async () => {
    const health = {
      status: 'degraded',
      service: 'trading-backend',
      version: '0.1.0',
      time: '2026-01-01T00:00:00.000Z',
      checks: [{ name: 'market-data', ok: false, detail: 'last tick 40 s ago' }],
    };
    const api = createApiClient({ baseUrl: 'http://api', fetch: async () => json(503, health) });
    await expect(api.call('healthReady')).resolves.toMatchObject({ status: 'degraded' });
    const err = (await api.call('botState').catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('INVALID_RESPONSE');
    expect(err.status).toBe(503);
  });
});
