import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEFAULT_RISK_LIMITS } from '@bytelyst/trading-contracts';
import { generateBarColumns } from '../../src/adapters/market/generate-bars.js';
import { DEFAULT_SIM_INSTRUMENTS } from '../../src/adapters/market/instruments.js';
import { SqlStore, createStore } from '../../src/adapters/store/index.js';
import { parseFixed } from '../../src/domain/money/fixed.js';
import { tenantScope } from '../../src/ports/store.js';
import type { Bar } from '../../src/ports/market-data.js';
import type { ChildMessage, ParentMessage } from './ipc-protocol.js';
import type { CrashChildConfig } from './crash-child-config.js';
import { testEnv } from '../env.js';

/**
 * What the crash tests share: the child engine bundled once, a store (PostgreSQL schema when
 * DATABASE_URL is set, else a PGlite directory) seeded with one SMA-crossover profile, the bars
 * the parent feeds, and one child "life" that ends in SIGKILL or a clean stop. The venue is the
 * caller's (a paper exchange over IPC, or the local exchange over HTTP).
 */
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
export const CRASH_START = Date.UTC(2026, 1, 2);
const btc = DEFAULT_SIM_INSTRUMENTS[0]!;
const bars = generateBarColumns({
  seed: 9,
  instrument: btc,
  timeframe: '1m',
  count: 5000,
  startTime: CRASH_START,
});

export const crashBar = (i: number): Bar => ({
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

export interface RecoveredTotals {
  fills: number;
  neverArrived: number;
  settled: number;
}

/** What the children left in the store, to hold against the venue. */
export interface BooksFacts {
  /** Tenant t1's BTC-USD position, summed over its profiles (fixed point). */
  readonly position: bigint;
  /** Orders still in doubt (outcome unknown) after the last recovery. */
  readonly inDoubt: number;
  /** Ledger transactions whose legs do not sum to zero. */
  readonly unbalanced: number;
  /** Fills booked. */
  readonly fills: number;
}

export interface CrashWorld {
  readonly storeOptions: { dataDir: string; databaseUrl?: string; schema?: string };
  /** Reads the books the children wrote. */
  booksFacts(): Promise<BooksFacts>;
  readonly recovered: RecoveredTotals;
  /**
   * One child life. It is SIGKILLed when `killAfter` messages arrived (or by `onMessage`
   * returning 'kill'), or stopped cleanly after `bars` bars. Resolves when it exited.
   */
  life(o: LifeOptions): Promise<void>;
  /** Removes the data directory or the PostgreSQL schema. */
  dispose(): Promise<void>;
}

export interface LifeOptions {
  killAfter: number | null;
  bars?: number;
  /** Serves the child's venue calls (IPC venues); returns the answer to send, if any. */
  onCall?(m: Extract<ChildMessage, { t: 'call' }>): Promise<ParentMessage>;
  /** Kill right after serving a call rather than before (IPC venues). */
  serveThenKill?: boolean;
  /** Called with the child (to send it reports, or to kill it from outside). */
  onStart?(child: ChildProcess): void;
}

/** Bundles the child once so each start loads one file instead of transpiling. */
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
    external: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg', 'ccxt'],
    // CommonJS dependencies bundled into ESM (pg-copy-streams, say) require Node's built-ins;
    // esbuild's shim needs a real `require` for that.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * Sets up the store and the child. `clock` is the parent's clock of the venue, moved to each
 * bar's close as it is fed; `onBar` prices the venue at that close.
 */
export async function createCrashWorld(o: {
  name: string;
  clock: { set(ms: number): void; now(): number };
  onBar(bar: Bar): void;
  /** The local exchange the child trades on over HTTP; none: the parent's venue over IPC. */
  venue?: CrashChildConfig['venue'];
}): Promise<CrashWorld> {
  // CI runs this against the PostgreSQL server (fast child start); without DATABASE_URL it
  // uses a PGlite data directory, which is slower to open per child.
  const databaseUrl = testEnv.DATABASE_URL ?? undefined;
  const schema = `${o.name}_${process.pid}_${Date.now()}`;
  const dataDir = await mkdtemp(join(tmpdir(), `${o.name}-`));
  const childFile = await bundleChild();
  const admin = async (sql: string) => {
    if (!databaseUrl) return;
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const storeOptions = {
    dataDir,
    ...(databaseUrl ? { databaseUrl, schema } : {}),
  };
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

  const recovered: RecoveredTotals = { fills: 0, neverArrived: 0, settled: 0 };
  let next = 0;
  const feed = (c: ChildProcess) => {
    const bar = crashBar(next);
    o.onBar(bar);
    o.clock.set(bar.openTime + 60_000);
    c.send({ t: 'bar', seq: next++, bar } satisfies ParentMessage);
  };

  const life = (l: LifeOptions) =>
    new Promise<void>((resolve, reject) => {
      const config: CrashChildConfig = {
        dataDir,
        startTime: o.clock.now(),
        ...(databaseUrl ? { databaseUrl, schema } : {}),
        ...(o.venue ? { venue: o.venue } : {}),
      };
      const c = fork(childFile, [JSON.stringify(config)], {
        execArgv: [],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      l.onStart?.(c);
      let seen = 0;
      let fed = 0;
      let err = '';
      c.stderr?.on('data', (d: Buffer) => (err += d.toString()));
      const kill = () => c.kill('SIGKILL');
      c.on('exit', (code, signal) => {
        if (signal === 'SIGKILL' || code === 0) resolve();
        else reject(new Error(`child exited ${code}: ${err.slice(-2000)}`));
      });
      c.on('message', (m: ChildMessage) => {
        void (async () => {
          seen++;
          const killNow = l.killAfter !== null && seen >= l.killAfter;
          if (killNow && !(l.serveThenKill && m.t === 'call')) return kill();
          if (m.t === 'call') {
            if (!l.onCall) return;
            const result = await l.onCall(m);
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
            if (l.bars !== undefined && fed >= l.bars)
              return void c.send({ t: 'stop' } satisfies ParentMessage);
            fed++;
            if (c.connected) feed(c);
          }
        })();
      });
    });

  return {
    storeOptions,
    recovered,
    life,
    booksFacts: async () => {
      const store = await createStore(storeOptions);
      try {
        if (!(store instanceof SqlStore)) throw new Error('expected the SQL store');
        const snap = await store.journal.load('t1', { tradesSince: 0 });
        const count = async (sql: string) =>
          Number((await store.sql.query<{ n: number }>(sql)).rows[0]?.n);
        return {
          position: snap.positions
            .filter((p) => p.symbol === 'BTC-USD')
            .reduce((s, p) => s + parseFixed(p.quantity), 0n),
          inDoubt: snap.openOrders.filter((o) => o.outcomeUnknown).length,
          unbalanced: await count(
            'SELECT count(*)::int AS n FROM (SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING sum(amount) <> 0) u',
          ),
          fills: await count('SELECT count(*)::int AS n FROM fills'),
        };
      } finally {
        await store.close();
      }
    },
    dispose: async () => {
      await rm(dataDir, { recursive: true, force: true });
      await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}
