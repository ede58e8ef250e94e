/**
 * GET /api/positions under 100 connections, against a bare Fastify route serving a body of the
 * same size, in the same process and run: requests/s ratio (goal >= 0.6) and p99 latency (goal
 * <= 20 ms). The backend is the real one (auth, validation, store on PGlite, response schema).
 * Usage: pnpm exec tsx bench/api-positions.bench.ts [seconds per round]   (BENCH_ROUNDS=3)
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { call, eventually, mintToken, startTestBackend } from '@bytelyst/trading-backend/testing';

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
// Right after start the first ticks may not have arrived (MARKET_DATA_STALE): retry until placed.
const outcomes: string[] = [];
for (const symbol of ['BTC-USD', 'ETH-USD', 'SOL-USD']) {
  await eventually(
    async () => {
      const r = await call(backend, {
        path: '/api/trade',
        token,
        body: {
          profileId: symbol === 'BTC-USD' ? 'p-alice-btc-trend' : 'p-alice-eth-rsi',
          symbol,
          side: 'BUY',
          quantity: symbol === 'BTC-USD' ? '0.01' : symbol === 'ETH-USD' ? '0.1' : '1',
        },
        headers: { 'idempotency-key': randomUUID() },
      });
      outcomes.push(`${symbol}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      if (r.status >= 300) throw new Error(`trade refused:\n${outcomes.join('\n')}`);
    },
    30_000,
    500,
  );
}
// The body must hold real positions, or the run would measure serialising an empty list.
const sample = await eventually(async () => {
  const r = await call(backend, { path: '/api/positions', token });
  if (!r.body.items?.length) throw new Error(`no positions yet; trades:\n${outcomes.join('\n')}`);
  return r;
}, 20_000);

const bare = Fastify();
const body = JSON.stringify(sample.body);
bare.get('/api/positions', async (_req, reply) =>
  reply.header('content-type', 'application/json').send(body),
);
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

// Interleaved rounds, so a noisy neighbour or a GC-heavy moment hits both sides alike; the
// figures reported are the medians over rounds, and every round is printed.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const rounds: { base: autocannon.Result; real: autocannon.Result }[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const base = await run(`${bareUrl}/api/positions`, {});
  const real = await run(`${backend.url}/api/positions`, { authorization: `Bearer ${token}` });
  rounds.push({ base, real });
}
await bare.close();
await backend.stop();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const row = (name: string, r: { rps: number; p50: number; p99: number; errors: number }) =>
  `${name.padEnd(28)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors}`;
const figures = (r: autocannon.Result) => ({
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.non2xx,
});
console.log(
  `GET /api/positions, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${seconds} s each, body ${body.length} bytes (${sample.body.items.length} positions)`,
);
rounds.forEach(({ base, real }, i) => {
  console.log(row(`round ${i + 1} bare Fastify`, figures(base)));
  console.log(
    row(`round ${i + 1} trading backend`, figures(real)) +
      `   ratio ${(real.requests.average / base.requests.average).toFixed(2)}`,
  );
});
const med = (pick: (r: (typeof rounds)[number]) => autocannon.Result) => ({
  rps: median(rounds.map((r) => pick(r).requests.average)),
  p50: median(rounds.map((r) => pick(r).latency.p50)),
  p99: median(rounds.map((r) => pick(r).latency.p99)),
  errors: rounds.reduce((n, r) => n + pick(r).errors + pick(r).non2xx, 0),
});
console.log(
  row(
    'median bare Fastify',
    med((r) => r.base),
  ),
);
console.log(
  row(
    'median trading backend',
    med((r) => r.real),
  ),
);
console.log(
  `ratio (backend / baseline, median of rounds) ${median(rounds.map((r) => r.real.requests.average / r.base.requests.average)).toFixed(2)}   goal >= 0.60; p99 goal <= 20 ms`,
);
process.exit(0);
