import { SessionEndedPayload } from '@bytelyst/trading-contracts';
import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'disconnected' | 'ended';

export type EventSchemas = Record<string, z.ZodType>;
export type EventHandler<E extends EventSchemas> = <K extends keyof E & string>(
  name: K,
  payload: z.infer<E[K]>,
) => void;

export interface RealtimeOptions<E extends EventSchemas> {
  url: string;
  namespace: string;
  events: E;
  /** Read at every (re)connect so a refreshed access token is used, never a stale one. */
  getToken: () => Promise<string | null> | string | null;
  /**
   * Forces a new access token. Called before reconnecting when the server refused the token or
   * ended the session because it expired; without it the next `getToken` is used as is.
   */
  refreshToken?: (() => Promise<unknown>) | undefined;
  onEvent: EventHandler<E>;
  onState: (state: ConnectionState, detail?: string) => void;
  /** Every connect after the first: whatever was pushed while down was missed, refetch it. */
  onReconnected?: (() => void) | undefined;
  onSessionEnded?: ((reason: z.infer<typeof SessionEndedPayload>['reason']) => void) | undefined;
  /** Payloads that fail their schema are dropped, never rendered; this reports them. */
  onInvalid?: ((name: string, issues: string) => void) | undefined;
  /** Reconnect backoff: first delay, cap, and the random source for jitter (tests pin it). */
  backoff?: { baseMs?: number; maxMs?: number; random?: () => number } | undefined;
  /** For tests: a socket factory (defaults to socket.io-client's `io`). */
  connect?: typeof io | undefined;
}

export interface RealtimeConnection {
  socket: Socket;
  emit(event: string, payload: unknown): void;
  close(): void;
}

/** Codes the gateway refuses a handshake with when the token is the problem (refresh, retry). */
const AUTH_CODES = new Set(['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'TOKEN_INVALID']);

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so a fleet of
 * clients cut off by one deploy does not reconnect in lock step, and no delay is ever near zero.
 */
export function backoffDelay(
  attempt: number,
  o: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): number {
  const base = o.baseMs ?? 500;
  const max = o.maxMs ?? 5_000;
  const step = Math.min(max, base * 2 ** Math.min(attempt, 16));
  return Math.round(step / 2 + (step / 2) * (o.random ?? Math.random)());
}

/**
 * One socket that always comes back. socket.io reconnects by itself only after transport loss;
 * a disconnect by the server (its shutdown on every deploy, an expired session) and a handshake
 * the server refused (a token it no longer accepts) leave the socket inactive for good. Those are
 * retried here with backoff and jitter, refreshing the token first when it was the reason. Only
 * a revoked session, a disabled tenant or a refused role end the connection ("ended").
 */
export function connectRealtime<E extends EventSchemas>(
  options: RealtimeOptions<E>,
): RealtimeConnection {
  const connect = options.connect ?? io;
  const backoff = options.backoff ?? {};
  options.onState('connecting');
  const socket = connect(`${options.url}${options.namespace === '/' ? '' : options.namespace}`, {
    // Token travels in the handshake auth, never in the query string (it would land in logs).
    auth: (cb) => {
      void Promise.resolve(options.getToken()).then(
        (token) => cb({ token: token ?? '' }),
        () => cb({ token: '' }),
      );
    },
    transports: ['websocket'],
    // Capped low so a client that kept retrying through a restart is back within seconds of
    // the server's readiness (socket.io adds +-50 % jitter to these itself).
    reconnectionDelay: backoff.baseMs ?? 500,
    reconnectionDelayMax: backoff.maxMs ?? 5_000,
  });

  let closed = false;
  let ended = false;
  let everConnected = false;
  let attempt = 0;
  let refreshFirst = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const retry = (detail: string) => {
    options.onState('disconnected', detail);
    if (timer) return;
    const delay = backoffDelay(attempt++, backoff);
    timer = setTimeout(() => {
      timer = null;
      const refresh = refreshFirst && options.refreshToken;
      refreshFirst = false;
      void (refresh ? refresh().catch(() => undefined) : Promise.resolve()).then(() => {
        if (closed || ended || socket.connected) return;
        options.onState('connecting', detail);
        socket.connect();
      });
    }, delay);
  };

  const end = (detail: string) => {
    ended = true;
    if (timer) clearTimeout(timer);
    timer = null;
    options.onState('ended', detail);
  };

  socket.on('connect', () => {
    attempt = 0;
    ended = false;
    const again = everConnected;
    everConnected = true;
    options.onState('connected');
    if (again) options.onReconnected?.();
  });
  socket.on('disconnect', (reason) => {
    if (closed || ended) return;
    // Transport loss: socket.io's manager is already retrying. Anything else needs us.
    if (socket.active) options.onState('disconnected', reason);
    else retry(reason);
  });
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    if (closed || ended) return;
    if (socket.active) return void options.onState('disconnected', err.message);
    const code = err.data?.code ?? err.message;
    if (code === 'FORBIDDEN') return end(code);
    if (AUTH_CODES.has(code)) refreshFirst = true;
    retry(code);
  });
  socket.on('session_ended', (raw: unknown) => {
    const parsed = SessionEndedPayload.safeParse(raw);
    const reason = parsed.success ? parsed.data.reason : 'unknown';
    if (reason === 'token_expired') {
      // Routine: the server's disconnect follows; refresh, then reconnect (see `disconnect`).
      refreshFirst = true;
    } else {
      end(reason);
    }
    if (parsed.success) options.onSessionEnded?.(parsed.data.reason);
  });

  for (const name of Object.keys(options.events)) {
    const schema = options.events[name];
    if (!schema) continue;
    socket.on(name, (raw: unknown) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) options.onEvent(name, parsed.data as z.infer<E[typeof name]>);
      else options.onInvalid?.(name, parsed.error.issues.map((i) => i.message).join('; '));
    });
  }

  return {
    socket,
    emit: (event, payload) => {
      socket.emit(event, payload);
    },
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
