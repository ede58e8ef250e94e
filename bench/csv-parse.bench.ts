/**
 * Candle CSV parsing: 1,000,000 one-minute rows, as ISO 8601 with a zone, zone-less ISO, and
 * epoch milliseconds, parsed by `parseCsvBars` (the one-pass parser) against the parser it
 * replaced (split into lines, a regular expression and `Date.parse` per row, kept below as the
 * same-run baseline; it reads zone-less times in the process's zone, the bug the new one fixes).
 * Then the same candles through a backtest, because the parser used to cost about as much.
 * Prints figures and ratios; never a pass/fail timing.
 *
 *   pnpm exec tsx bench/csv-parse.bench.ts [rows] [rounds]
 */
import { parseCsvBars, toContractInstrument } from '@bytelyst/trading-backend/adapters';
import { paperBacktest } from '@bytelyst/trading-backend';
import { makeProfile } from '@bytelyst/trading-backend/testing';
import { BENCH_BTC as btc, btcMinutes } from './support/bench-fixtures.js';

const N = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = Number(process.argv[3] ?? process.env.BENCH_ROUNDS ?? 5);
const series = btcMinutes(N);

function csv(time: (ms: number) => string): string {
  const out = ['timestamp,open,high,low,close,volume'];
  for (let i = 0; i < N; i++) {
    out.push(
      `${time(series.time[i]!)},${series.open[i]},${series.high[i]},${series.low[i]},${series.close[i]},${series.volume[i]}`,
    );
  }
  return out.join('\n');
}

/** The parser before issue 16, verbatim but for the error type. */
function legacyParse(text: string) {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length > 0 && /[a-z]/i.test(lines[0]?.split(',')[1] ?? '')) lines.shift();
  const n = lines.length;
  const cols = {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const f = (lines[i] ?? '').split(',');
    if (f.length < 6) throw new Error(`csv line ${i + 1}: expected 6 columns`);
    const ts = f[0]?.trim() ?? '';
    let t = /^\d+$/.test(ts) ? Number(ts) : Date.parse(ts);
    if (/^\d{9,10}$/.test(ts)) t *= 1000;
    const vals = f.slice(1, 6).map(Number);
    if (!Number.isFinite(t) || vals.some((v) => !Number.isFinite(v)))
      throw new Error(`csv line ${i + 1}: not a number`);
    if (t <= prev) throw new Error(`csv line ${i + 1}: timestamps must increase`);
    prev = t;
    cols.time[i] = t;
    cols.open[i] = vals[0] ?? 0;
    cols.high[i] = vals[1] ?? 0;
    cols.low[i] = vals[2] ?? 0;
    cols.close[i] = vals[3] ?? 0;
    cols.volume[i] = vals[4] ?? 0;
  }
  return cols;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const rate = (ms: number) => `${Math.round((N / ms) * 1000).toLocaleString('en-US')} rows/s`;

const formats: [string, string][] = [
  ['ISO 8601 with Z', csv((t) => new Date(t).toISOString())],
  ['ISO zone-less (UTC)', csv((t) => new Date(t).toISOString().slice(0, 19).replace('T', ' '))],
  ['epoch milliseconds', csv((t) => String(t))],
];
console.log(
  `${N.toLocaleString('en-US')} rows, ${ROUNDS} interleaved rounds, TZ=${process.env.TZ ?? '(unset)'}`,
);
for (const [name, text] of formats) {
  const before: number[] = [];
  const after: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let t0 = performance.now();
    const a = legacyParse(text);
    before.push(performance.now() - t0);
    t0 = performance.now();
    const b = parseCsvBars({ text, symbol: 'BTC-USD', timeframe: '1m' });
    after.push(performance.now() - t0);
    if (r === 0 && name !== 'ISO zone-less (UTC)') {
      // Identical columns to the old parser wherever the old one was right.
      for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const)
        if (a[k].some((v, i) => v !== b[k][i])) throw new Error(`${name}: ${k} differs`);
    }
  }
  const mb = median(before);
  const ma = median(after);
  console.log(
    `${name.padEnd(22)} before ${mb.toFixed(1)} ms (${rate(mb)})  after ${ma.toFixed(1)} ms (${rate(ma)})  speed-up ${(mb / ma).toFixed(2)}x`,
  );
}

const text = formats[0]![1];
const t0 = performance.now();
const parsed = parseCsvBars({ text, symbol: 'BTC-USD', timeframe: '1m' });
const parseMs = performance.now() - t0;
const t1 = performance.now();
await paperBacktest({
  series: [parsed],
  instruments: [toContractInstrument(btc)],
  profiles: [
    makeProfile({
      id: 'bench',
      tenantId: 'backtest',
      strategy: { strategy: 'sma-cross', params: { fastPeriod: 10, slowPeriod: 30, kind: 'sma' } },
    }),
  ],
  persistence: 'off',
});
const btMs = performance.now() - t1;
console.log(
  `parse then backtest the same file: parse ${parseMs.toFixed(1)} ms, backtest ${btMs.toFixed(1)} ms (parse = ${((parseMs / btMs) * 100).toFixed(1)} % of the backtest)`,
);
