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
  onEvent: EventHandler<E>;
  onState: (state: ConnectionState, detail?: string) => void;
  onSessionEnded?: (reason: z.infer<typeof SessionEndedPayload>['reason']) => void;
  /** Payloads that fail their schema are dropped, never rendered; this reports them. */
  onInvalid?: (name: string, issues: string) => void;
  /** For tests: a socket factory (defaults to socket.io-client's `io`). */
  connect?: typeof io;
}

export interface RealtimeConnection {
  socket: Socket;
  emit(event: string, payload: unknown): void;
  close(): void;
}

export function connectRealtime<E extends EventSchemas>(
  options: RealtimeOptions<E>,
): RealtimeConnection {
  const connect = options.connect ?? io;
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
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
  });

  socket.on('connect', () => options.onState('connected'));
  socket.on('disconnect', (reason) => {
    // "io server disconnect" means the server ended us deliberately: it will not auto-reconnect.
    if (reason === 'io server disconnect') options.onState('ended', reason);
    else options.onState('disconnected', reason);
  });
  socket.on('connect_error', (err) => options.onState('disconnected', err.message));
  socket.on('session_ended', (raw: unknown) => {
    const parsed = SessionEndedPayload.safeParse(raw);
    options.onState('ended', parsed.success ? parsed.data.reason : 'unknown');
    if (parsed.success) options.onSessionEnded?.(parsed.data.reason);
    // An expired token is routine: reconnect, and the auth callback fetches a refreshed one.
    if (parsed.success && parsed.data.reason === 'token_expired') {
      socket.once('disconnect', () => {
        socket.connect();
      });
    }
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
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
