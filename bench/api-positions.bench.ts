/**
 * GET /api/positions under 100 connections, against a bare Fastify route serving a body of the
 * same size, in the same process and run: requests/s ratio (goal >= 0.6) and p99 latency (goal
 * <= 20 ms). The backend is the real one (auth, validation, store on PGlite, response schema).
 * Usage: pnpm exec tsx bench/api-positions.bench.ts [seconds]
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import {
  call,
  eventually,
  mintToken,
  startTestBackend,
} from '../backend/test-support/backend-harness.js';

const seconds = Number(process.argv[2] ?? 10);
const CONNECTIONS = 100;

function run(url: string, headers: Record<string, string>) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: seconds, headers }, (err, result) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result),
    );
  });
}

// The rate limit is lifted so the run measures serving, not refusing.
const backend = await startTestBackend({
  speed: 1,
  instanceId: 'bench',
  env: { RATE_LIMIT_PER_MINUTE: '1000000' },
});
const token = await mintToken({ sub: 'u-alice', tenant: 'acme', ttl: 3600 });
// Wait until the tenant trades, then open positions so the response is not empty.
await eventually(async () => {
  if ((await call(backend, { path: '/api/bot-state', token })).body.status !== 'running')
    throw new Error('not running');
});
for (const symbol of ['BTC-USD', 'ETH-USD', 'SOL-USD']) {
  await call(backend, {
    path: '/api/trade',
    token,
    body: {
      profileId: symbol === 'BTC-USD' ? 'p-alice-btc-trend' : 'p-alice-eth-rsi',
      symbol,
      side: 'BUY',
      quantity: symbol === 'BTC-USD' ? '0.01' : '1',
    },
    headers: { 'idempotency-key': randomUUID() },
  });
}
await new Promise((r) => setTimeout(r, 500));
const sample = await call(backend, { path: '/api/positions', token });

const bare = Fastify();
const body = JSON.stringify(sample.body);
bare.get('/api/positions', async (_req, reply) =>
  reply.header('content-type', 'application/json').send(body),
);
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

const base = await run(`${bareUrl}/api/positions`, {});
const real = await run(`${backend.url}/api/positions`, { authorization: `Bearer ${token}` });
await bare.close();
await backend.stop();

const row = (name: string, r: autocannon.Result) =>
  `${name.padEnd(28)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   errors ${r.errors + r.non2xx}`;
console.log(
  `GET /api/positions, ${CONNECTIONS} connections, ${seconds} s each, body ${body.length} bytes (${sample.body.items.length} positions)`,
);
console.log(row('bare Fastify (baseline)', base));
console.log(row('trading backend', real));
console.log(
  `ratio (backend / baseline) ${(real.requests.average / base.requests.average).toFixed(2)}   goal >= 0.60; p99 goal <= 20 ms`,
);
process.exit(0);
