import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import {
  ADMIN_EVENTS,
  AppError,
  HandshakeAuth,
  isAdminRole,
  PUBLIC_EVENTS,
  SOCKET_NAMESPACES,
  TRADING_EVENTS,
  type AdminEventName,
  type PublicEventName,
  type TradingEventName,
} from '@bytelyst/trading-contracts';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { Principal } from '../auth/principal.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { type PresenceAnnouncement, UserPresence } from './presence.js';

export interface GatewayOptions {
  httpServer: HttpServer;
  verifier: TokenVerifier;
  logger: Logger;
  corsOrigins: string[];
  redisUrl?: string | undefined;
  /**
   * Prefix of every Redis channel the adapter uses (REDIS_PREFIX): deployments sharing a Redis
   * server never see each other's events (pub/sub ignores the database index).
   */
  redisPrefix?: string | undefined;
  /** Asked on connect and on every sweep; a disabled tenant's sockets are ended. */
  isTenantDisabled: (tenantId: string) => boolean;
  /** Sessions the platform revoked: refused at connect, ended by `endSessions` and the sweep. */
  isRevoked?: (sessionKey: string) => boolean;
  /** Sent to a socket as soon as it joins, so a surface never waits for the next change. */
  onTradingJoin?: (socket: Socket, principal: Principal) => void;
  onPublicJoin?: (socket: Socket) => void;
  /** How often to re-check expiry and tenant state; the issue bounds reaction at 30 s. */
  sweepMs?: number;
  /** Open sockets one address may hold on the anonymous `/` namespace (default 20). */
  anonymousPerIp?: number;
  /** Validate every outgoing payload against its contract (on in dev/test, cheap enough). */
  validateOutgoing?: boolean;
  /** How often this instance tells the others which users have a socket here (default 10 s). */
  presenceAnnounceMs?: number;
}

interface SocketData {
  principal?: Principal;
}
const principalOf = (socket: Socket): Principal | undefined =>
  (socket.data as SocketData).principal;

export const tenantRoom = (tenantId: string) => `tenant:${tenantId}`;
export const userRoom = (tenantId: string, userId: string) => `user:${tenantId}:${userId}`;
const OPERATORS_ROOM = 'operators';
const PRESENCE_EVENT = 'presence';
const isAnnouncement = (a: unknown): a is PresenceAnnouncement =>
  typeof a === 'object' &&
  a !== null &&
  typeof (a as { instance?: unknown }).instance === 'string' &&
  Array.isArray((a as { users?: unknown }).users) &&
  (a as { users: unknown[] }).users.every(
    (u) => Array.isArray(u) && u.length === 2 && u.every((x) => typeof x === 'string'),
  );
const tenantAdminsRoom = (tenantId: string) => `admins:${tenantId}`;

/**
 * Socket.IO namespaces: `/trading` (a user's own state), `/admin` (admins), `/` (product status
 * only, no token needed). A socket joins only its own tenant and user rooms, so routing an event
 * to a room is what keeps one tenant's data away from another's.
 */
export class RealtimeGateway {
  readonly io: Server;
  private readonly trading: Namespace;
  private readonly admin: Namespace;
  private readonly publicNs: Namespace;
  private sweepTimer: NodeJS.Timeout;
  private redis: Redis[] = [];
  private closing = false;
  /** Users with a `/trading` socket open on any instance (the live valuation serves only them). */
  readonly presence: UserPresence;
  private presenceTimer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: GatewayOptions) {
    this.io = new Server(opts.httpServer, {
      cors: { origin: opts.corsOrigins.length ? opts.corsOrigins : false, credentials: true },
      serveClient: false,
      maxHttpBufferSize: 16_384,
    });
    if (opts.redisUrl) {
      // The publisher drops what it cannot send at once (no offline queue): an event that cannot
      // reach Redis is lost for other instances' sockets rather than queued without bound, and
      // the adapter's un-awaited publishes never reject unhandled. The subscriber keeps its
      // queue so its subscriptions are made as soon as Redis answers.
      const pub = new Redis(opts.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
      const publish: (channel: string, message: string) => Promise<number> = pub.publish.bind(pub);
      const quiet = (channel: string, message: string) => publish(channel, message).catch(() => 0);
      (pub as unknown as { publish: typeof quiet }).publish = quiet;
      const sub = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
      this.redis = [pub, sub];
      // A dead Redis must not crash the process; the adapter resumes when it comes back.
      for (const r of this.redis) r.on('error', () => undefined);
      // The adapter sends some commands without awaiting them (subscriptions, server-side
      // emits); one still pending when the connection closes (an outage, a shutdown) rejects with
      // "Connection is closed" and nobody handles it. Each command's promise is marked handled
      // here; a caller that awaits it still sees the error.
      for (const r of this.redis) {
        const send = r.sendCommand.bind(r) as (...args: unknown[]) => Promise<unknown>;
        (r as unknown as { sendCommand: typeof send }).sendCommand = (...args) => {
          const sent = send(...args);
          sent.catch(() => undefined);
          return sent;
        };
      }
      this.io.adapter(
        createAdapter(pub, sub, { key: `${opts.redisPrefix ?? 'bytelyst-trading'}:io` }),
      );
      // While the bus is down this instance's sockets miss other instances' events. When it comes
      // back they are ended by the server, which clients treat as temporary: they reconnect and
      // refetch every active query (docs/API.md), so the gap is closed from the store.
      let lost = false;
      sub.on('close', () => {
        if (!this.closing) lost = true;
      });
      sub.on('ready', () => {
        if (!lost || this.closing) return;
        lost = false;
        opts.logger.warn('realtime bus is back: sockets reconnect and refetch what they missed');
        // `local`: the Redis adapter's plain disconnectSockets only publishes a request and ends
        // sockets when that message comes back through the subscriber, which is lost whenever the
        // publisher reconnects before the subscriber has resubscribed. Each instance ends its own.
        for (const ns of [this.trading, this.admin, this.publicNs])
          ns.local.disconnectSockets(true);
      });
    }
    this.trading = this.io.of(SOCKET_NAMESPACES.trading);
    this.admin = this.io.of(SOCKET_NAMESPACES.admin);
    this.publicNs = this.io.of(SOCKET_NAMESPACES.public);

    const announceMs = opts.presenceAnnounceMs ?? 10_000;
    // Presence travels between instances over the adapter's server-side events (Redis only).
    const announce = opts.redisUrl
      ? (a: PresenceAnnouncement) => this.trading.serverSideEmit(PRESENCE_EVENT, a)
      : undefined;
    this.presence = new UserPresence({
      instance: randomUUID(),
      now: () => Date.now(),
      announceMs,
      ...(announce ? { announce } : {}),
    });
    if (announce) {
      (this.trading as unknown as NodeJS.EventEmitter).on(PRESENCE_EVENT, (a: unknown) => {
        if (isAnnouncement(a)) this.presence.receive(a);
      });
      this.presenceTimer = setInterval(() => announce(this.presence.snapshot()), announceMs);
      this.presenceTimer.unref();
    }

    this.trading.use(
      (socket, next) => void this.authenticate(socket, 'user').then(() => next(), next),
    );
    this.admin.use(
      (socket, next) => void this.authenticate(socket, 'admin').then(() => next(), next),
    );

    this.trading.on('connection', (socket) => {
      const p = principalOf(socket);
      if (!p) return void socket.disconnect(true);
      void socket.join([tenantRoom(p.tenantId), userRoom(p.tenantId, p.userId)]);
      this.presence.add(p.tenantId, p.userId);
      socket.once('disconnect', () => this.presence.remove(p.tenantId, p.userId));
      this.armExpiry(socket, p);
      opts.onTradingJoin?.(socket, p);
    });
    this.admin.on('connection', (socket) => {
      const p = principalOf(socket);
      if (!p) return void socket.disconnect(true);
      // Operators hear every tenant; a tenant admin only their own (see toAdmins).
      void socket.join(p.role === 'operator' ? OPERATORS_ROOM : tenantAdminsRoom(p.tenantId));
      this.armExpiry(socket, p);
    });
    // Anonymous sockets cost the server memory and a broadcast each: a cap per address keeps one
    // client from holding hundreds (the signed-in namespaces are bounded by their tokens).
    const perIp = new Map<string, number>();
    const cap = opts.anonymousPerIp ?? 20;
    this.publicNs.use((socket, next) => {
      const ip = socket.handshake.address;
      const n = perIp.get(ip) ?? 0;
      if (n >= cap)
        return next(Object.assign(new Error('RATE_LIMITED'), { data: { code: 'RATE_LIMITED' } }));
      perIp.set(ip, n + 1);
      socket.once('disconnect', () => {
        const left = (perIp.get(ip) ?? 1) - 1;
        if (left > 0) perIp.set(ip, left);
        else perIp.delete(ip);
      });
      next();
    });
    this.publicNs.on('connection', (socket) => opts.onPublicJoin?.(socket));

    this.sweepTimer = setInterval(() => this.sweep(), opts.sweepMs ?? 5000);
    this.sweepTimer.unref();
  }

  private async authenticate(socket: Socket, need: 'user' | 'admin'): Promise<void> {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success)
      throw Object.assign(new Error('UNAUTHENTICATED'), { data: { code: 'UNAUTHENTICATED' } });
    let principal: Principal;
    try {
      principal = await this.opts.verifier.verify(auth.data.token);
    } catch (e) {
      const code = e instanceof AppError ? e.code : 'TOKEN_INVALID';
      throw Object.assign(new Error(code), { data: { code } });
    }
    if (need === 'admin' && !isAdminRole(principal.role)) {
      throw Object.assign(new Error('FORBIDDEN'), { data: { code: 'FORBIDDEN' } });
    }
    if (this.opts.isTenantDisabled(principal.tenantId)) {
      throw Object.assign(new Error('FORBIDDEN'), { data: { code: 'FORBIDDEN' } });
    }
    if (this.opts.isRevoked?.(principal.sessionKey)) {
      throw Object.assign(new Error('TOKEN_INVALID'), { data: { code: 'TOKEN_INVALID' } });
    }
    (socket.data as SocketData).principal = principal;
  }

  private armExpiry(socket: Socket, p: Principal): void {
    const ms = p.expiresAt * 1000 - Date.now();
    const timer = setTimeout(
      () => this.end(socket, 'token_expired'),
      Math.max(0, Math.min(ms, 2 ** 31 - 1)),
    );
    timer.unref();
    socket.once('disconnect', () => clearTimeout(timer));
  }

  private end(socket: Socket, reason: 'token_expired' | 'tenant_disabled' | 'revoked'): void {
    socket.emit('session_ended', { reason });
    socket.disconnect(true);
  }

  /** Backstop for timers: expired tokens and disabled tenants are ended within one sweep. */
  private sweep(): void {
    const now = Date.now() / 1000;
    for (const ns of [this.trading, this.admin]) {
      for (const socket of ns.sockets.values()) {
        const p = principalOf(socket);
        if (!p) continue;
        if (p.expiresAt <= now) this.end(socket, 'token_expired');
        else if (this.opts.isTenantDisabled(p.tenantId)) this.end(socket, 'tenant_disabled');
        else if (this.opts.isRevoked?.(p.sessionKey)) this.end(socket, 'revoked');
      }
    }
  }

  /** Connected sockets per namespace on this instance, for metrics. */
  counts(): Record<'trading' | 'admin' | 'public', number> {
    return {
      trading: this.trading.sockets.size,
      admin: this.admin.sockets.size,
      public: this.publicNs.sockets.size,
    };
  }

  /** Ends the sockets of sessions the platform just revoked (signed out, revoked, disabled). */
  endSessions(sessionKeys: readonly string[]): void {
    const keys = new Set(sessionKeys);
    for (const ns of [this.trading, this.admin]) {
      for (const socket of ns.sockets.values()) {
        const p = principalOf(socket);
        if (p && keys.has(p.sessionKey)) this.end(socket, 'revoked');
      }
    }
  }

  /** Ends every socket of a tenant now (used when an operator disables it). */
  disconnectTenant(tenantId: string): void {
    for (const ns of [this.trading, this.admin]) {
      for (const socket of ns.sockets.values()) {
        const p = principalOf(socket);
        if (p?.tenantId === tenantId) this.end(socket, 'tenant_disabled');
      }
    }
  }

  private check(
    table: Record<string, { safeParse: (v: unknown) => { success: boolean } }>,
    event: string,
    payload: unknown,
  ): void {
    if (!this.opts.validateOutgoing) return;
    const schema = table[event];
    if (!schema || !schema.safeParse(payload).success) {
      this.opts.logger.error({ event }, 'refusing to emit a payload that breaks its contract');
      throw new AppError('INTERNAL', `event ${event} does not match its contract`);
    }
  }

  toTenant<E extends TradingEventName>(tenantId: string, event: E, payload: unknown): void {
    this.check(TRADING_EVENTS, event, payload);
    this.trading.to(tenantRoom(tenantId)).emit(event, payload);
  }

  toUser<E extends TradingEventName>(
    target: { tenantId: string; userId: string },
    event: E,
    payload: unknown,
  ): void {
    this.check(TRADING_EVENTS, event, payload);
    this.trading.to(userRoom(target.tenantId, target.userId)).emit(event, payload);
  }

  /** Market data is not tenant-owned: every trader sees the same prices. */
  toAllTraders<E extends TradingEventName>(event: E, payload: unknown): void {
    this.check(TRADING_EVENTS, event, payload);
    this.trading.emit(event, payload);
  }

  /**
   * A tenant's event reaches operators and that tenant's admins; dynamic config and rows of no
   * tenant reach operators only, except a global control, which concerns every tenant.
   */
  toAdmins<E extends AdminEventName>(event: E, payload: unknown): void {
    this.check(ADMIN_EVENTS, event, payload);
    const tenantId = (payload as { tenantId?: unknown } | null)?.tenantId;
    if (event !== 'config' && typeof tenantId === 'string')
      this.admin.to([OPERATORS_ROOM, tenantAdminsRoom(tenantId)]).emit(event, payload);
    else if (event === 'control') this.admin.emit(event, payload);
    else this.admin.to(OPERATORS_ROOM).emit(event, payload);
  }

  toPublic<E extends PublicEventName>(event: E, payload: unknown): void {
    this.check(PUBLIC_EVENTS, event, payload);
    this.publicNs.emit(event, payload);
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.sweepTimer);
    clearInterval(this.presenceTimer);
    // Ends this instance's sockets (`local`: not every instance's through the adapter) and the
    // engine, without closing the HTTP server, which Fastify owns.
    for (const ns of [this.trading, this.admin, this.publicNs]) ns.local.disconnectSockets(true);
    this.io.engine.close();
    // Bounded whatever Redis does: a quit that gets no answer in 500 ms becomes a disconnect.
    await Promise.all(
      this.redis.map(async (r) => {
        let timer: NodeJS.Timeout | undefined;
        const gaveUp = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), 500);
        });
        const done = await Promise.race([r.quit().catch(() => 'failed' as const), gaveUp]);
        clearTimeout(timer);
        if (done !== 'OK') r.disconnect();
      }),
    );
  }
}
