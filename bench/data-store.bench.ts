/**
 * The market data store over 1,000,000 one-minute candles (issue 16), three figures with a
 * same-run baseline each; never a pass/fail timing:
 *  1. CSV parse rate: the streaming parser fed the file's bytes in 64 KiB chunks (as an upload
 *     arrives), against a bare scan of the same bytes for line ends (the least any parser must
 *     do).
 *  2. Stored on PostgreSQL (DATABASE_URL): the import's write (COPY into `candles` with its
 *     primary key and checks, then the series summary, one transaction), against a bare COPY of
 *     the same bytes (the same writer) into an unindexed, unlogged table.
 *  3. A backtest through the store with next_open fills: read the range back, then the full
 *     pipeline, against the bare SMA loop over the same candles (as backtest.bench.ts).
 *
 *   DATABASE_URL=postgres://... pnpm exec tsx bench/data-store.bench.ts [rows] [rounds]
 */
import {
  CachedCandleStore,
  candleCopyChunks,
  createStore,
  SqlCandleStore,
  type SqlStore,
  toContractInstrument,
} from '@bytelyst/trading-backend/adapters';
import { CandleCsvParser, Sma } from '@bytelyst/trading-backend/domain';
import { paperBacktest } from '@bytelyst/trading-backend';
import { BacktestSettings } from '@bytelyst/trading-contracts';
import { BENCH_BTC as btc, benchProfile, btcMinutes } from './support/bench-fixtures.js';

const N = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const url = process.env.DATABASE_URL;
const series = btcMinutes(N);
const lines = ['timestamp,open,high,low,close,volume'];
for (let i = 0; i < N; i++)
  lines.push(
    `${new Date(series.time[i]!).toISOString()},${series.open[i]},${series.high[i]},${series.low[i]},${series.close[i]},${series.volume[i]}`,
  );
const text = `${lines.join('\n')}\n`;
const bytes = Buffer.from(text);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
console.log(
  `date: ${new Date().toISOString()}  node ${process.version}  rows: ${N.toLocaleString('en-US')}  rounds: ${ROUNDS}  csv ${(text.length / 1048576).toFixed(1)} MiB`,
);

// 1. Parse.
const CHUNK = 64 * 1024;
const scan: number[] = [];
const parse: number[] = [];
let parsed = new CandleCsvParser().finish();
for (let r = 0; r < ROUNDS; r++) {
  let t0 = performance.now();
  let nl = 0;
  for (let p = bytes.indexOf(10); p >= 0; p = bytes.indexOf(10, p + 1)) nl++;
  scan.push(performance.now() - t0);
  if (nl !== N + 1) throw new Error('bad line count');
  t0 = performance.now();
  const p = new CandleCsvParser({ intervalMs: 60_000 });
  for (let at = 0; at < bytes.length; at += CHUNK) p.pushBytes(bytes.subarray(at, at + CHUNK));
  parsed = p.finish();
  parse.push(performance.now() - t0);
}
if (parsed.rows !== N || parsed.errorCount !== 0) throw new Error('parse failed');
const ps = median(scan);
const pp = median(parse);
console.log(
  `parse (64 KiB chunks): ${pp.toFixed(1)} ms (${rate(N, pp)} rows)  baseline line scan ${ps.toFixed(1)} ms  ratio ${(pp / ps).toFixed(1)}x  (goal >= 1,000,000 rows/s)`,
);

if (!url) {
  console.log('DATABASE_URL not set: the PostgreSQL figures are skipped.');
  process.exit(0);
}

// 2. Store on PostgreSQL, in a schema of its own.
const schema = `bench_ds_${Date.now().toString(36)}`;
// An unmigrated connection to create (and later drop) the bench's schema.
const admin = (await createStore({
  databaseUrl: url,
  dataDir: 'unused',
  migrate: false,
})) as SqlStore;
await admin.sql.exec(`CREATE SCHEMA ${schema}`);
const store = (await createStore({ databaseUrl: url, dataDir: 'unused', schema })) as SqlStore;
const candles = new SqlCandleStore(store.sql);
try {
  const stored: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const scope = { tenantId: `bench-${r}` };
    let t0 = performance.now();
    const w = await candles.writeCandles(scope, {
      symbol: 'BTC-USD',
      venue: 'csv',
      timeframe: '1m',
      candles: parsed,
    });
    stored.push(performance.now() - t0);
    if (w.stored !== N) throw new Error('not all stored');
    t0 = performance.now();
    await store.sql.transaction(async (tx) => {
      await tx.query(
        `CREATE UNLOGGED TABLE bare_${r} (tenant_id text, symbol text, venue text, timeframe text,
          open_time timestamptz, open numeric, high numeric, low numeric, close numeric, volume numeric)`,
      );
      // The same COPY bytes the import sends (same writer), into a table with no key or checks.
      const prefix = new TextEncoder().encode('bare\tBTC-USD\tcsv\t1m\t');
      await tx.copyFrom!(
        `COPY bare_${r} FROM STDIN`,
        candleCopyChunks(prefix, parsed, { n: N, rows: 20_000 }),
      );
    });
    bare.push(performance.now() - t0);
  }
  // Where the store's time goes: the JavaScript half alone (the COPY bytes, no server).
  const gen: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    let size = 0;
    const prefix = new TextEncoder().encode('gen\tBTC-USD\tcsv\t1m\t');
    for (const b of candleCopyChunks(prefix, parsed, { n: N, rows: 20_000 })) size += b.length;
    gen.push(performance.now() - t0);
    if (size === 0) throw new Error('no COPY bytes');
  }
  const sm = median(stored);
  const bm = median(bare);
  console.log(
    `stored on PostgreSQL (COPY, key, checks, summary; one transaction): ${sm.toFixed(0)} ms (${rate(N, sm)} rows)  baseline bare COPY into an unindexed table ${bm.toFixed(0)} ms  ratio ${(sm / bm).toFixed(2)}x  (goal within 10 s)`,
  );
  console.log(
    `parse + store: ${((pp + sm) / 1000).toFixed(2)} s for ${N.toLocaleString('en-US')} rows`,
  );
  console.log(
    `of which COPY bytes written in JavaScript (no server): ${median(gen).toFixed(0)} ms; the rest is PostgreSQL (parse, key, checks, WAL) and the summary`,
  );

  // 3. Backtest through the store (read the range back, then next_open fills).
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const baseline = () => {
    const t0 = performance.now();
    const f = new Sma(10);
    const s = new Sma(30);
    let prev = NaN;
    let crosses = 0;
    for (let i = 0; i < N; i++) {
      const c = series.close[i]!;
      const d = f.update(c) - s.update(c);
      if (prev <= 0 && d > 0) crosses++;
      prev = d;
    }
    return { ms: performance.now() - t0, crosses };
  };
  const full = async () => {
    const c0 = cpu();
    const t0 = performance.now();
    const cols = await reader.readCandles(
      { tenantId: 'bench-0' },
      { symbol: 'BTC-USD', venue: 'csv', timeframe: '1m', from: null, to: null, maxCandles: N },
    );
    const readMs = performance.now() - t0;
    const t1 = performance.now();
    const r = await paperBacktest({
      series: [cols],
      instruments: [toContractInstrument(btc)],
      profiles: [
        benchProfile({
          strategy: 'sma-cross',
          params: { fastPeriod: 10, slowPeriod: 30, kind: 'sma' },
        }),
      ],
      persistence: 'off',
      equityEvery: 1440,
      settings: { run: BacktestSettings.parse({ fillRule: 'next_open' }), capital: '100000' },
    });
    return { readMs, btMs: performance.now() - t1, ms: performance.now() - t0, cpu: cpu() - c0, r };
  };
  // As the server reads: through the cache of ranges read back (CANDLE_CACHE_MB), so the first
  // run reads PostgreSQL and the warm runs read memory; both are printed.
  const reader = new CachedCandleStore(candles, { maxBytes: 256 * 1_048_576 });
  baseline();
  const cold = await full();
  console.log(
    `cold first run: read ${cold.readMs.toFixed(0)} ms from PostgreSQL + backtest ${cold.btMs.toFixed(0)} ms = ${cold.ms.toFixed(0)} ms (${rate(N, cold.ms)} candles)`,
  );
  const runs = [];
  for (let i = 0; i < ROUNDS; i++) {
    const b = baseline();
    const f = await full();
    runs.push({ b, f });
    console.log(
      `round ${i + 1}: baseline ${b.ms.toFixed(1)} ms  read ${f.readMs.toFixed(0)} ms  backtest ${f.btMs.toFixed(0)} ms (${rate(N, f.btMs)} candles)  total ${f.ms.toFixed(0)} ms (${rate(N, f.ms)}, cpu ${f.cpu.toFixed(0)} ms)`,
    );
  }
  const mid = [...runs].sort((x, y) => x.f.ms - y.f.ms)[Math.floor(runs.length / 2)]!;
  const mb = median(runs.map((x) => x.b.ms));
  console.log(
    `backtest through the store, next_open, median warm: read ${mid.f.readMs.toFixed(0)} ms (cached range) + backtest ${mid.f.btMs.toFixed(0)} ms = ${mid.f.ms.toFixed(0)} ms (${rate(N, mid.f.ms)} candles; backtest alone ${rate(N, mid.f.btMs)})  bare SMA loop ${mb.toFixed(1)} ms  ratio full/bare ${(mid.f.ms / mb).toFixed(1)}x  (goal >= 1,000,000 candles/s)`,
  );
  console.log(
    `  trades=${mid.f.r.stats.trades} final equity=${JSON.stringify(mid.f.r.finalEquity)}`,
  );
} finally {
  await store.close();
  await admin.sql.exec(`DROP SCHEMA ${schema} CASCADE`);
  await admin.close();
}
