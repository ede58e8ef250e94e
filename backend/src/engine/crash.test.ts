import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEFAULT_RISK_LIMITS } from '@bytelyst/trading-contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { PaperExchange } from '../adapters/exchange/paper/paper-exchange.js';
import { generateBarColumns } from '../adapters/market/generate-bars.js';
import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from '../adapters/market/instruments.js';
import { mulberry32 } from '../domain/random/prng.js';
import { SqlStore, createStore } from '../adapters/store/index.js';
import { parseFixed } from '../domain/money/fixed.js';
import { TestClock } from '../ports/clock.js';
import { tenantScope } from '../ports/store.js';
import type { Bar } from '../ports/market-data.js';
import {
  type ChildMessage,
  type ParentMessage,
  serveCall,
} from '../../test-support/engine/ipc-protocol.js';

const CHILD = fileURLToPath(new URL('../../test-support/engine/crash-child.ts', import.meta.url));
const KILLS = 50;
const btc = DEFAULT_SIM_INSTRUMENTS[0]!;
const START = Date.UTC(2026, 1, 2);
const bars = generateBarColumns({
  seed: 9,
  instrument: btc,
  timeframe: '1m',
  count: 5000,
  startTime: START,
});
const barAt = (i: number): Bar => ({
  kind: 'candle',
  symbol: 'BTC-USD',
  timeframe: '1m',
  openTime: bars.time[i]!,
  open: bars.open[i]!,
  high: bars.high[i]!,
  low: bars.low[i]!,
  close: bars.close[i]!,
  volume: bars.volume[i]!,
});

// CI runs this against the PostgreSQL server (fast child start); without DATABASE_URL it uses
// a PGlite data directory, which is slower to open per child.
const DATABASE_URL = process.env.DATABASE_URL;
const SCHEMA = `crash_${process.pid}_${Date.now()}`;
let dataDir = '';
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (DATABASE_URL) {
    const c = new pg.Client({ connectionString: DATABASE_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await c.end();
  }
});

/** Bundles the child once so each of the 51 starts loads one file instead of transpiling. */
async function bundleChild(): Promise<string> {
  const require = createRequire(createRequire(import.meta.url).resolve('tsx'));
  // esbuild ships with tsx; no extra dependency is added for this.
  const esbuild = require('esbuild') as {
    build(options: Record<string, unknown>): Promise<unknown>;
  };
  const outfile = fileURLToPath(
    new URL('../../node_modules/.cache/crash-child/child.mjs', import.meta.url),
  );
  await esbuild.build({
    entryPoints: [CHILD],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg'],
    // CommonJS dependencies bundled into ESM (pg-copy-streams, say) require Node's built-ins;
    // esbuild's shim needs a real `require` for that.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return outfile;
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random points: one venue order per client order id, books equal the venue, ledger balanced`, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'crash-'));
    const childFile = await bundleChild();
    if (DATABASE_URL) {
      const c = new pg.Client({ connectionString: DATABASE_URL });
      await c.connect();
      await c.query(`CREATE SCHEMA ${SCHEMA}`);
      await c.end();
    }
    const storeOptions = {
      dataDir,
      databaseUrl: DATABASE_URL,
      schema: DATABASE_URL ? SCHEMA : undefined,
    };
    const childArgs = DATABASE_URL ? [DATABASE_URL, SCHEMA] : [];
    const seedStore = await createStore(storeOptions);
    await seedStore.ensureTenant({ id: 't1', name: 't1' });
    await seedStore.createProfile(tenantScope('t1'), {
      id: 'p1',
      userId: 'u1',
      name: 'crash',
      symbols: ['BTC-USD'],
      timeframe: '1m',
      strategy: { strategy: 'sma-cross', params: { fastPeriod: 2, slowPeriod: 3, kind: 'sma' } },
      capitalAllocation: '10000',
      risk: {
        ...DEFAULT_RISK_LIMITS,
        cooldownAfterLossMs: 0,
        maxDailyLoss: '1000000',
        maxDrawdownPct: '0.95',
        stopLossPct: null,
        takeProfitPct: null,
        staleMarketDataMs: 600_000,
      },
      enabled: true,
    });
    await seedStore.close();

    const clock = new TestClock(START);
    const exchange = new PaperExchange({
      clock,
      instruments: [toContractInstrument(btc)],
      marketFillParts: 2,
    });
    const venue = exchange.client('t1');
    const submits = new Map<string, number>();
    let child: ChildProcess | null = null;
    venue.onReport((report) => {
      if (child?.connected) child.send({ t: 'report', report } satisfies ParentMessage);
    });
    const rand = mulberry32(2024);
    const recovered = { fills: 0, neverArrived: 0, settled: 0 };
    let next = 0;

    const feed = (c: ChildProcess) => {
      const i = next++;
      exchange.setPrice('BTC-USD', bars.close[i]!);
      clock.set(bars.time[i]! + 60_000);
      c.send({ t: 'bar', seq: i, bar: barAt(i) } satisfies ParentMessage);
    };

    /** One child life. `killAfter` messages (or never) it is SIGKILLed; returns when it exited. */
    const life = (o: { killAfter: number | null; serveThenKill: boolean; bars?: number }) =>
      new Promise<void>((resolve, reject) => {
        const c = fork(childFile, [dataDir, String(clock.now()), ...childArgs], {
          execArgv: [],
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        });
        child = c;
        let seen = 0;
        let fed = 0;
        let err = '';
        c.stderr?.on('data', (d: Buffer) => (err += d.toString()));
        const kill = () => c.kill('SIGKILL');
        c.on('exit', (code, signal) => {
          child = null;
          if (signal === 'SIGKILL' || code === 0) resolve();
          else reject(new Error(`child exited ${code}: ${err.slice(-2000)}`));
        });
        c.on('message', (m: ChildMessage) => {
          void (async () => {
            seen++;
            const killNow = o.killAfter !== null && seen >= o.killAfter;
            if (killNow && !(o.serveThenKill && m.t === 'call')) return kill();
            if (m.t === 'call') {
              if (m.method === 'submitOrder') {
                const id = (m.args[0] as { clientOrderId: string }).clientOrderId;
                submits.set(id, (submits.get(id) ?? 0) + 1);
              }
              const result = await serveCall(venue, m);
              if (c.connected) c.send(result);
              if (killNow) kill();
              return;
            }
            if (m.t === 'ready') {
              const r = m.report as {
                fillsApplied: number;
                neverArrived: string[];
                settledOrders: number;
              };
              recovered.fills += r.fillsApplied;
              recovered.neverArrived += r.neverArrived.length;
              recovered.settled += r.settledOrders;
            }
            if (m.t === 'ready' || m.t === 'done') {
              if (o.bars !== undefined && fed >= o.bars)
                return void c.send({ t: 'stop' } satisfies ParentMessage);
              fed++;
              feed(c);
            }
          })();
        });
      });

    for (let k = 0; k < KILLS; k++) {
      await life({ killAfter: 1 + Math.floor(rand() * 40), serveThenKill: rand() < 0.5 });
    }
    await life({ killAfter: null, serveThenKill: false, bars: 30 });

    // At most one venue order per client order id, and the engine never even tried twice.
    expect([...submits.values()].every((n) => n === 1)).toBe(true);
    expect(submits.size).toBeGreaterThan(10);
    const account = exchange.account('t1');
    expect(account.orders.size).toBe(submits.size);

    const store = await createStore(storeOptions);
    try {
      const snap = await store.journal.load('t1', { tradesSince: 0 });
      const books = snap.positions
        .filter((p) => p.symbol === 'BTC-USD')
        .reduce((s, p) => s + parseFixed(p.quantity), 0n);
      expect(books).toBe(account.positions.get('BTC-USD') ?? 0n);
      expect(snap.openOrders.filter((o) => o.outcomeUnknown)).toEqual([]);
      if (!(store instanceof SqlStore)) throw new Error('expected the SQL store');
      console.info(
        `crash test: ${KILLS} kills, ${submits.size} orders, ${account.fills.length} fills; recovery settled ${recovered.settled} orders in doubt (${recovered.fills} missed fills applied, ${recovered.neverArrived} never arrived); ${DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`,
      );
      // The kills did land inside the dangerous windows (between saving and booking an order).
      expect(recovered.settled).toBeGreaterThan(0);
      const unbalanced = await store.sql.query(
        'SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING sum(amount) <> 0',
      );
      expect(unbalanced.rows).toEqual([]);
      const fills = await store.sql.query('SELECT count(*)::int AS n FROM fills');
      expect(Number(fills.rows[0]?.n)).toBe(account.fills.length);
    } finally {
      await store.close();
    }
  }, 600_000);
});
