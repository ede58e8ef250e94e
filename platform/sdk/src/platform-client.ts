import { AcceptedResponse, AppError, TokenPair } from '@bytelyst/trading-contracts';
import { isUnreachable, platformRequest } from './http.js';
import type { PlatformSession, SessionStore } from './session-store.js';
import {
  listeners,
  newRequestId,
  systemClock,
  trimSlash,
  type Clock,
  type FetchLike,
  type Unsubscribe,
} from './types.js';

export type AuthStatus = 'loading' | 'signedOut' | 'signedIn';

export interface ClientState {
  status: AuthStatus;
  session: PlatformSession | null;
  /** The platform could not be reached lately; the session is kept and retried. */
  degraded: boolean;
}

export interface PlatformClientOptions {
  baseUrl: string;
  productId: string;
  sessionStore: SessionStore;
  fetch?: FetchLike;
  clock?: Clock;
  /** Refresh this long before expiry (default 60 s). */
  refreshSkewMs?: number;
}

export interface PlatformClient {
  readonly baseUrl: string;
  readonly productId: string;
  /** Resolves once the stored session (if any) has been read. */
  ready: () => Promise<void>;
  getState: () => ClientState;
  subscribe: (listener: (state: ClientState) => void) => Unsubscribe;
  onSessionChange: (listener: (session: PlatformSession | null) => void) => Unsubscribe;
  signIn: (credentials: { email: string; password: string }) => Promise<PlatformSession>;
  signOut: () => Promise<void>;
  getSession: () => Promise<PlatformSession | null>;
  /** A valid access token, refreshed first (once, shared) when within the skew of expiry. */
  getAccessToken: () => Promise<string | null>;
  /** Forces a refresh; concurrent callers share one request. Null when signed out. */
  refresh: () => Promise<PlatformSession | null>;
  /** fetch with `Authorization` and `x-request-id`; on 401 refreshes once and retries once. */
  authorizedFetch: (url: string, init?: RequestInit) => Promise<Response>;
  requestPasswordReset: (email: string) => Promise<void>;
  confirmPasswordReset: (input: { token: string; newPassword: string }) => Promise<void>;
}

export function createPlatformClient(opts: PlatformClientOptions): PlatformClient {
  const baseUrl = trimSlash(opts.baseUrl);
  const doFetch: FetchLike = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const clock = opts.clock ?? systemClock;
  const skew = opts.refreshSkewMs ?? 60_000;
  const store = opts.sessionStore;
  const stateListeners = listeners<ClientState>();
  const sessionListeners = listeners<PlatformSession | null>();
  let state: ClientState = { status: 'loading', session: null, degraded: false };
  let inflight: Promise<PlatformSession | null> | null = null;

  const setState = (patch: Partial<ClientState>) => {
    const before = state;
    state = { ...state, ...patch };
    if ('session' in patch) state.status = state.session ? 'signedIn' : 'signedOut';
    if (
      before.status === state.status &&
      before.session === state.session &&
      before.degraded === state.degraded
    )
      return;
    stateListeners.emit(state);
    if (before.session !== state.session) sessionListeners.emit(state.session);
  };

  const loaded = store.load().then(
    (session) => setState({ session }),
    () => setState({ session: null }),
  );

  const toSession = (pair: TokenPair): PlatformSession => ({
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    expiresAt: clock.now() + pair.expiresIn * 1000,
    user: pair.user,
  });

  const adopt = async (session: PlatformSession | null) => {
    if (session) await store.save(session);
    else await store.clear();
    setState({ session, degraded: false });
    return session;
  };

  const runRefresh = async (): Promise<PlatformSession | null> => {
    await loaded;
    const current = state.session;
    if (!current) return null;
    try {
      const pair = await platformRequest({
        fetch: doFetch,
        url: `${baseUrl}/auth/refresh`,
        method: 'POST',
        body: { refreshToken: current.refreshToken },
        headers: { 'x-request-id': newRequestId() },
        schema: TokenPair,
      });
      // A sign-out or a new sign-in while this was in flight wins over its result.
      if (state.session !== current) return state.session;
      return await adopt(toSession(pair));
    } catch (e) {
      if (isUnreachable(e)) {
        setState({ degraded: true });
        return current;
      }
      if (e instanceof AppError && e.status === 401 && state.session === current) {
        return adopt(null);
      }
      throw e;
    }
  };

  const refresh = (): Promise<PlatformSession | null> => {
    inflight ??= runRefresh().finally(() => {
      inflight = null;
    });
    return inflight;
  };

  const getAccessToken = async (): Promise<string | null> => {
    await loaded;
    const session = state.session;
    if (!session) return null;
    if (session.expiresAt - clock.now() > skew) return session.accessToken;
    // When the platform is down the old token is still returned: the caller's request may
    // succeed (clocks differ) and a 401 then goes through the same single refresh.
    return (await refresh())?.accessToken ?? null;
  };

  const authorizedFetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (!headers.has('x-request-id')) headers.set('x-request-id', newRequestId());
    const send = (token: string | null) => {
      if (token) headers.set('authorization', `Bearer ${token}`);
      else headers.delete('authorization');
      return doFetch(url, { ...init, headers });
    };
    const used = await getAccessToken();
    const res = await send(used);
    if (res.status !== 401 || !used) return res;
    // Someone else may already have refreshed; only refresh if the token we used is current.
    const next =
      state.session && state.session.accessToken !== used
        ? state.session
        : await refresh().catch(() => null);
    if (!next || next.accessToken === used) return res;
    return send(next.accessToken);
  };

  return {
    baseUrl,
    productId: opts.productId,
    ready: () => loaded,
    getState: () => state,
    subscribe: (fn) => stateListeners.add(fn),
    onSessionChange: (fn) => sessionListeners.add(fn),
    async signIn(credentials) {
      await loaded;
      try {
        const pair = await platformRequest({
          fetch: doFetch,
          url: `${baseUrl}/auth/login`,
          method: 'POST',
          body: credentials,
          headers: { 'x-request-id': newRequestId() },
          schema: TokenPair,
        });
        return (await adopt(toSession(pair))) as PlatformSession;
      } catch (e) {
        if (isUnreachable(e)) setState({ degraded: true });
        throw e;
      }
    },
    async signOut() {
      await loaded;
      const current = state.session;
      await adopt(null);
      if (!current) return;
      // Best effort: the local sign-out already happened; the server session expires anyway.
      await platformRequest({
        fetch: doFetch,
        url: `${baseUrl}/auth/logout`,
        method: 'POST',
        body: { refreshToken: current.refreshToken },
        schema: null,
      }).catch(() => undefined);
    },
    async getSession() {
      await loaded;
      return state.session;
    },
    getAccessToken,
    refresh,
    authorizedFetch,
    async requestPasswordReset(email) {
      await platformRequest({
        fetch: doFetch,
        url: `${baseUrl}/auth/password-reset/request`,
        method: 'POST',
        body: { email },
        schema: AcceptedResponse,
      });
    },
    async confirmPasswordReset(input) {
      await platformRequest({
        fetch: doFetch,
        url: `${baseUrl}/auth/password-reset/confirm`,
        method: 'POST',
        body: input,
        schema: null,
      });
    },
  };
}
