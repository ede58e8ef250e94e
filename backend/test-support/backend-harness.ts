/**
 * Runs real backend instances in the test process: real store (PGlite, or PostgreSQL in an
 * isolated schema), real engine, simulated market and paper venue, real HTTP and sockets. Only
 * the platform service is replaced, at its true boundary: tokens are signed with a local RS256
 * key (the backend verifies them exactly as it verifies the platform's) and product status comes
 * from a controllable source.
 */
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import type { FastifyInstance } from 'fastify';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import type { ProductStatus, Role } from '@bytelyst/trading-contracts';
import type { Clock } from '../src/ports/clock.js';
import { noRevocations, type RevocationSource } from '../src/ports/revocations.js';
import type {
  ProductStatusSnapshot,
  ProductStatusSource,
} from '../src/ports/product-status-source.js';
import { parseBackendEnv } from '../src/env.js';
import type { JobOverrides } from '../src/compose/research.js';
import { startBackend, type RunningBackend } from '../src/server.js';
import { testEnv } from './env.js';
import type { PaperExchange } from '../src/adapters/exchange/paper/paper-exchange.js';

export const ISSUER = 'https://platform.test';
const TEST_KEY_FILE = join(tmpdir(), `bytelyst-test-kek-${process.pid}`, 'kek.json');
export const AUDIENCE = 'bytelyst-trading';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let keysPromise: Promise<{ keys: KeyPair; pem: string }> | null = null;
export const testKeys = () =>
  (keysPromise ??= generateKeyPair('RS256', { extractable: true }).then(async (keys) => ({
    keys,
    pem: await exportSPKI(keys.publicKey),
  })));

export interface TokenInput {
  sub: string;
  tenant: string;
  role?: Role;
  /** Seconds until expiry (negative = already expired). */
  ttl?: number;
}

export async function mintToken(t: TokenInput): Promise<string> {
  const { keys } = await testKeys();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tenant: t.tenant, role: t.role ?? 'user', sid: `s-${t.sub}`, typ: 'access' })
    .setProtectedHeader({ alg: 'RS256', kid: 'test' })
    .setSubject(t.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now - 5)
    .setExpirationTime(now + (t.ttl ?? 900))
    .sign(keys.privateKey);
}

export const productStatus = (over: Partial<ProductStatus> = {}): ProductStatus => ({
  productId: 'bytelyst-trading',
  enabled: true,
  maintenance: { active: false, message: null, expectedEndAt: null },
  version: 1,
  updatedAt: new Date().toISOString(),
  ...over,
});

/** The platform's product status as the test sets it; refreshed like a poller would. */
export class ControlledProductStatus implements ProductStatusSource {
  private snap: ProductStatusSnapshot;
  private readonly listeners = new Set<(s: ProductStatusSnapshot, changed: boolean) => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly clock: Clock,
    status: ProductStatus | null = productStatus(),
  ) {
    this.snap = { status, receivedAt: clock.now(), lastError: null };
  }
  start(): void {
    this.timer = setInterval(() => this.emit(false), 200);
    this.timer.unref();
  }
  current(): ProductStatusSnapshot {
    return this.snap;
  }
  set(status: ProductStatus | null): void {
    this.snap = { status, receivedAt: this.clock.now(), lastError: null };
    this.emit(true);
  }
  /** Simulates the platform going silent: the status stops being refreshed and ages out. */
  freeze(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
  private emit(changed: boolean): void {
    if (!changed && this.timer) this.snap = { ...this.snap, receivedAt: this.clock.now() };
    for (const l of this.listeners) l(this.snap, changed);
  }
  onUpdate(listener: (s: ProductStatusSnapshot, changed: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async dispose(): Promise<void> {
    this.freeze();
  }
}

/** Market time runs `speed` times faster than wall time, so one-minute candles close quickly. */
export function acceleratedClock(speed: number): Clock {
  const start = Date.now();
  return { now: () => start + (Date.now() - start) * speed };
}

export interface TestBackendOptions {
  databaseUrl?: string | null;
  schema?: string | null;
  redisUrl?: string | null;
  instanceId?: string;
  speed?: number;
  env?: Record<string, string>;
  exchange?: PaperExchange;
  leaseIntervalMs?: number;
  /** Default none; 'platform' follows the feed of the platform at PLATFORM_API_URL (env). */
  revocations?: RevocationSource | 'platform';
  /** Job queue timings and worker threads (research tests). */
  jobs?: JobOverrides;
}

export interface TestBackend extends RunningBackend {
  status: ControlledProductStatus;
  clock: Clock;
}

/** The env a test backend runs with: test keys, silent logs, an in-memory or isolated store. */
export async function testBackendEnv(o: TestBackendOptions = {}) {
  const { pem } = await testKeys();
  return parseBackendEnv({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATA_DIR: 'memory://',
    INSTANCE_ID: o.instanceId ?? 'test-1',
    PLATFORM_JWT_PUBLIC_KEY: pem,
    PLATFORM_JWT_ISSUER: ISSUER,
    PLATFORM_JWT_AUDIENCE: AUDIENCE,
    MARKET_TICK_MS: '1000',
    RATE_LIMIT_PER_MINUTE: '100000',
    // One key file per test process, so instances sharing a database open each other's secrets.
    SECRETS_KEY_FILE: TEST_KEY_FILE,
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
    ...(o.redisUrl ? { REDIS_URL: o.redisUrl } : {}),
    ...o.env,
  });
}

/** What startBackend and composeBackend are given in tests: the platform replaced at its edge. */
export function testOverrides(
  o: TestBackendOptions,
  clock: Clock,
  status: ControlledProductStatus,
) {
  return {
    clock,
    logger: pino({ level: testEnv.LOG_LEVEL }),
    productStatus: status,
    ...(o.schema ? { schema: o.schema } : {}),
    ...(o.exchange ? { exchange: o.exchange } : {}),
    ...(o.jobs ? { jobs: o.jobs } : {}),
    leaseIntervalMs: o.leaseIntervalMs ?? 500,
    ...(o.revocations === 'platform' ? {} : { revocations: o.revocations ?? noRevocations }),
    // The market timer fires once per real second, which is `speed` seconds of market time.
    staleMarketDataMs: Math.max(15_000, (o.speed ?? 60) * 3000),
  };
}

export async function startTestBackend(o: TestBackendOptions = {}): Promise<TestBackend> {
  const env = await testBackendEnv(o);
  const clock = acceleratedClock(o.speed ?? 60);
  const status = new ControlledProductStatus(clock);
  const backend = await startBackend(env, testOverrides(o, clock, status));
  return Object.assign(backend, { status, clock });
}

export interface Call {
  method?: string | undefined;
  path: string;
  token?: string | null | undefined;
  body?: unknown;
  headers?: Record<string, string> | undefined;
}

/** A listening backend (called over HTTP) or a built API (called through `inject`). */
export type CallTarget = { url: string } | { app: FastifyInstance };

export async function call(
  b: CallTarget,
  c: Call,
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...c.headers };
  if (c.token) headers.authorization = `Bearer ${c.token}`;
  if (c.body !== undefined && !headers['content-type'])
    headers['content-type'] = 'application/json';
  if (!('url' in b)) return inject(b.app, c, headers);
  const res = await fetch(`${b.url}${c.path}`, {
    method: c.method ?? (c.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(c.body === undefined
      ? {}
      : { body: typeof c.body === 'string' ? c.body : JSON.stringify(c.body) }),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, headers: res.headers };
}

async function inject(
  app: FastifyInstance,
  c: Call,
  headers: Record<string, string>,
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await app.inject({
    method: (c.method ?? (c.body === undefined ? 'GET' : 'POST')) as 'GET',
    url: c.path,
    headers,
    ...(c.body === undefined
      ? {}
      : { payload: typeof c.body === 'string' ? c.body : JSON.stringify(c.body) }),
  });
  let body: unknown = res.body;
  try {
    body = JSON.parse(res.body);
  } catch {
    /* not JSON */
  }
  const out = new Headers();
  for (const [k, v] of Object.entries(res.headers))
    if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : String(v));
  return { status: res.statusCode, body, headers: out };
}

export function connectSocket(b: { url: string }, ns: string, token: string | null): Socket {
  return io(`${b.url}${ns === '/' ? '' : ns}`, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

/** Waits until `check` passes, polling; fails with the last error after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T> | T,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw last instanceof Error ? last : new Error(String(last));
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
