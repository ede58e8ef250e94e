import type { TokenPair } from '@bytelyst/trading-contracts';
import type { FetchLike } from './types.js';

/**
 * A hand-written stand-in for the platform at the network boundary (the real service is
 * exercised against this SDK in platform/service's integration tests).
 */
export function fakePlatform() {
  let counter = 0;
  const calls: { url: string; method: string; headers: Headers; body: unknown }[] = [];
  const state = {
    down: false,
    refreshStatus: 200,
    backendAccepts: (_token: string | null) => true,
  };
  const pair = (): TokenPair => {
    counter += 1;
    return {
      accessToken: `access-${counter}`,
      refreshToken: `refresh-${counter}`,
      tokenType: 'Bearer',
      expiresIn: 900,
      user: {
        id: 'u-alice',
        tenantId: 'acme',
        email: 'alice@acme.demo.test',
        displayName: null,
        role: 'user',
      },
    };
  };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const envelope = (code: string, status: number) =>
    json(status, { error: { code, message: code, requestId: 'r' } });

  const fetch: FetchLike = async (url, init = {}) => {
    const headers = new Headers(init.headers);
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ url, method: init.method ?? 'GET', headers, body });
    // Let concurrent callers interleave the way real network calls do.
    await new Promise((r) => setTimeout(r, 0));
    if (state.down) throw new TypeError('fetch failed');
    const path = new URL(url).pathname;
    if (path === '/auth/login') return json(200, pair());
    if (path === '/auth/refresh') {
      if (state.refreshStatus === 200) return json(200, pair());
      if (state.refreshStatus === 401) return envelope('TOKEN_INVALID', 401);
      return envelope('INTERNAL', state.refreshStatus);
    }
    if (path === '/auth/logout') return new Response(null, { status: 204 });
    if (path.startsWith('/api/')) {
      const token = headers.get('authorization')?.replace('Bearer ', '') ?? null;
      return state.backendAccepts(token)
        ? json(200, { ok: true, token })
        : envelope('TOKEN_EXPIRED', 401);
    }
    return envelope('NOT_FOUND', 404);
  };
  const count = (path: string) => calls.filter((c) => new URL(c.url).pathname === path).length;
  return { fetch, calls, state, count };
}

export function manualClock(start = 1_800_000_000_000) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}
