/**
 * Live-loop benchmark: 1,000 enabled profiles over 20 symbols (10 tenants), on PGlite and, when
 * DATABASE_URL is set, on PostgreSQL (in a throwaway schema).
 *
 *   pnpm exec tsx bench/live-loop.bench.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm exec tsx bench/live-loop.bench.ts
 *   BENCH_DRIVERS=postgres ... (one driver only: cleaner RSS figures)
 *   BENCH_SAMPLES=2000 BENCH_ENGINE_MINUTES=30 (defaults)
 *   BENCH_PARTS=engine (the engine half only, e.g. under --cpu-prof)
 *   BENCH_HOLDS=0 (HOLD decisions not stored; the server stores them)
 *   BENCH_MTM=both|on|off|twice (default both: the engine half runs without, then with, live
 *   mark-to-market, each on a fresh store, and prints the CPU of each and their ratio; twice:
 *   two runs without, to see what a second run in the same process costs by itself)
 *   BENCH_CONNECTED=0.1 (share of the 100 users with a socket open while MTM is on; the live
 *   valuation serves only them, as the gateway's presence tells the server)
 *
 * Per driver, two halves:
 *  1. Persistence alone, interleaved with two baselines measured in the same loop (a `SELECT 1`
 *     round trip and a durable 1-row INSERT, the WAL-flush floor of any commit): the step commit
 *     (decision + order + fill + 3 balanced ledger legs + position, fenced by the loop lease, in
 *     one transaction), a 50-profile tick fan-out, and RSS with 1,000 profiles loaded.
 *  2. The real engine (`createTradingEngine`) on a simulated market and the paper venue, journaling
 *     into this store: tick -> decision -> order written, sent, acknowledged, written again;
 *     latency from tick arrival to the acknowledged order's event, every engine commit's time,
 *     and RSS with the 1,000 profiles trading.
 * Prints figures only; nothing here passes or fails.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { PaperExchange } from '@bytelyst/trading-backend/adapters';
import {
  DEFAULT_SIM_INSTRUMENTS,
  toContractInstrument,
  type SimInstrument,
} from '@bytelyst/trading-backend/adapters';
import { SimulatedMarket } from '@bytelyst/trading-backend/adapters';
import { createLeaseManager, createStore } from '@bytelyst/trading-backend/adapters';
import { createTradingEngine } from '@bytelyst/trading-backend/engine';
import { makeProfile, PRODUCT_ON } from '@bytelyst/trading-backend/testing';
import { TestClock } from '@bytelyst/trading-backend/ports';
import type { SqlStore } from '@bytelyst/trading-backend/adapters';
import type { Fence, JournalBatch, TradingJournal } from '@bytelyst/trading-backend/ports';
import { tenantScope, type Store } from '@bytelyst/trading-backend/ports';
import {
  bookBuy,
  emptyBatch,
  makeDecision,
  makeFill,
  makeOrder,
  makePosition,
  newProfile,
} from '@bytelyst/trading-backend/testing';
import { createTestSchema } from '@bytelyst/trading-backend/testing';
import { createPortfolio, PositionsView } from '@bytelyst/trading-backend/services';
import { UserPresence } from '@bytelyst/trading-backend/api';

const PROFILES = 1000;
const SYMBOLS = Array.from({ length: 20 }, (_, i) => `S${String(i).padStart(2, '0')}-USD`);
const TENANTS = 10;
const WARMUP = 100;
const STEP_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2000);
const TICK_SAMPLES = 100;

interface ProfileRef {
  tenantId: string;
  profileId: string;
  symbol: string;
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))] ?? NaN;

const summarise = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { n: s.length, p50: pct(s, 0.5), p99: pct(s, 0.99), max: s.at(-1) ?? NaN, mean };
};

const ms = (n: number): string => `${n.toFixed(3)} ms`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const stepBatch = (ref: ProfileRef, fence: Fence, now: string): JournalBatch => {
  const owner = { tenantId: ref.tenantId, profileId: ref.profileId };
  const decision = makeDecision(owner, { symbol: ref.symbol, createdAt: now, candleTime: now });
  const order = makeOrder(owner, {
    symbol: ref.symbol,
    status: 'FILLED',
    filledQuantity: '0.015',
    averageFillPrice: '64000.10',
    decisionId: decision.id,
    clientOrderId: `b-${randomUUID()}`,
    createdAt: now,
    updatedAt: now,
  });
  const fill = makeFill(order, { filledAt: now });
  return emptyBatch(ref.tenantId, {
    fence,
    decisions: [{ ...decision, orderId: order.id }],
    orders: [order],
    fills: [fill],
    ledgerEntries: bookBuy(fill, ref.profileId),
    positions: [makePosition(owner, { symbol: ref.symbol, updatedAt: now })],
  });
};

const mergeBatches = (tenantId: string, fence: Fence, batches: JournalBatch[]): JournalBatch =>
  emptyBatch(tenantId, {
    fence,
    decisions: batches.flatMap((b) => b.decisions),
    orders: batches.flatMap((b) => b.orders),
    fills: batches.flatMap((b) => b.fills),
    ledgerEntries: batches.flatMap((b) => b.ledgerEntries),
    positions: batches.flatMap((b) => b.positions),
  });

const seed = async (store: Store): Promise<ProfileRef[]> => {
  const refs: ProfileRef[] = [];
  for (let t = 0; t < TENANTS; t += 1) {
    const tenantId = `bench-t${t}`;
    await store.ensureTenant({ id: tenantId, name: tenantId });
  }
  for (let i = 0; i < PROFILES; i += 1) {
    const tenantId = `bench-t${i % TENANTS}`;
    const symbol = SYMBOLS[i % SYMBOLS.length] ?? 'S00-USD';
    const p = await store.createProfile(
      tenantScope(tenantId),
      newProfile({ id: `bench-p${i}`, symbols: [symbol], enabled: true, userId: `u${i % 50}` }),
    );
    refs.push({ tenantId, profileId: p.id, symbol });
  }
  return refs;
};

const runDriver = async (
  label: string,
  store: Store,
  lease: { databaseUrl?: string; schema?: string },
) => {
  const t0 = performance.now();
  const refs = await seed(store);
  const seedMs = performance.now() - t0;
  const leases = createLeaseManager({ store, instanceId: `bench-${label}`, ...lease });
  const fences = new Map<string, Fence>();
  for (let t = 0; t < TENANTS; t += 1) {
    const tenantId = `bench-t${t}`;
    const got = await leases.tryAcquire(tenantId);
    if (!got) throw new Error(`could not lease ${tenantId}`);
    fences.set(tenantId, { instanceId: leases.instanceId, epoch: got.epoch });
  }
  const fenceOf = (tenantId: string): Fence => {
    const f = fences.get(tenantId);
    if (!f) throw new Error('no fence');
    return f;
  };

  // Samples are interleaved so machine noise (other processes, disk) hits all three alike.
  // The durable 1-row INSERT is the floor of any commit on this disk (WAL flush).
  const raw = (store as SqlStore).sql;
  const baseline: number[] = [];
  const durable: number[] = [];
  const step: number[] = [];
  let clock = Date.parse('2026-03-01T00:00:00.000Z');
  for (let i = 0; i < WARMUP + STEP_SAMPLES; i += 1) {
    const ref = refs[i % refs.length];
    if (!ref) continue;
    clock += 1;
    const batch = stepBatch(ref, fenceOf(ref.tenantId), new Date(clock).toISOString());
    let s = performance.now();
    await raw.query('SELECT 1');
    const selectMs = performance.now() - s;
    s = performance.now();
    await raw.query(
      `INSERT INTO alerts (id, tenant_id, profile_id, severity, code, message, acknowledged, created_at)
       VALUES ($1, $2, NULL, 'info', 'BENCH', 'durable commit floor', true, now())`,
      [randomUUID(), ref.tenantId],
    );
    const durableMs = performance.now() - s;
    s = performance.now();
    await store.journal.commit(batch);
    const stepMs = performance.now() - s;
    if (i >= WARMUP) {
      baseline.push(selectMs);
      durable.push(durableMs);
      step.push(stepMs);
    }
  }

  const bySymbol = new Map<string, ProfileRef[]>();
  for (const r of refs) bySymbol.set(r.symbol, [...(bySymbol.get(r.symbol) ?? []), r]);
  const tick: number[] = [];
  for (let i = 0; i < TICK_SAMPLES + 10; i += 1) {
    const symbol = SYMBOLS[i % SYMBOLS.length] ?? 'S00-USD';
    clock += 1;
    const now = new Date(clock).toISOString();
    const byTenant = new Map<string, JournalBatch[]>();
    for (const r of bySymbol.get(symbol) ?? []) {
      byTenant.set(r.tenantId, [
        ...(byTenant.get(r.tenantId) ?? []),
        stepBatch(r, fenceOf(r.tenantId), now),
      ]);
    }
    const s = performance.now();
    await Promise.all(
      [...byTenant].map(([tenantId, batches]) =>
        store.journal.commit(mergeBatches(tenantId, fenceOf(tenantId), batches)),
      ),
    );
    if (i >= 10) tick.push(performance.now() - s);
  }

  const rssBefore = process.memoryUsage().rss;
  const loaded = [];
  for (let t = 0; t < TENANTS; t += 1) {
    loaded.push(await store.journal.load(`bench-t${t}`, { tradesSince: 0 }));
  }
  const profilesLoaded = loaded.reduce((n, s) => n + s.profiles.length, 0);
  const rssAfter = process.memoryUsage().rss;
  await leases.close();

  const b = summarise(baseline);
  const d = summarise(durable);
  const st = summarise(step);
  const tk = summarise(tick);
  console.log(`\n== ${label} ==`);
  console.log(
    `seed ${PROFILES} profiles / ${TENANTS} tenants / ${SYMBOLS.length} symbols: ${ms(seedMs)}`,
  );
  console.log(`baseline SELECT 1          n=${b.n} p50 ${ms(b.p50)} p99 ${ms(b.p99)}`);
  console.log(`durable 1-row INSERT       n=${d.n} p50 ${ms(d.p50)} p99 ${ms(d.p99)}`);
  console.log(
    `step commit (1 profile)    n=${st.n} p50 ${ms(st.p50)} p99 ${ms(st.p99)} max ${ms(st.max)} mean ${ms(st.mean)}` +
      `  p50 ratio vs SELECT 1 ${(st.p50 / b.p50).toFixed(1)}x, vs durable insert ${(st.p50 / d.p50).toFixed(2)}x`,
  );
  console.log(
    `tick fan-out (50 profiles) n=${tk.n} p50 ${ms(tk.p50)} p99 ${ms(tk.p99)} max ${ms(tk.max)}` +
      `  per profile p50 ${ms(tk.p50 / 50)}`,
  );
  console.log(
    `rss with ${profilesLoaded} profiles loaded: ${mb(rssAfter)} (before load ${mb(rssBefore)})`,
  );
  return { baseline: b, durable: d, step: st, tick: tk, rss: rssAfter };
};

/** CPU seconds the whole machine spent busy so far (Linux /proc/stat), NaN elsewhere. */
const machineBusySeconds = (): number => {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, user, nice, system, , , irq, softirq] = line.trim().split(/\s+/).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0)) / 100;
  } catch {
    return NaN;
  }
};

/** 20 simulated symbols: the six defaults plus clones of BTC-USD with their own price paths. */
const benchInstruments = (): SimInstrument[] => {
  const template = DEFAULT_SIM_INSTRUMENTS[0];
  if (!template) throw new Error('no simulated instruments');
  const extra = Array.from({ length: 20 - DEFAULT_SIM_INSTRUMENTS.length }, (_, i) => ({
    ...template,
    symbol: `C${String(i).padStart(2, '0')}-USD`,
    base: `C${String(i).padStart(2, '0')}`,
    startPrice: 100 + i * 37,
  }));
  return [...DEFAULT_SIM_INSTRUMENTS, ...extra];
};

const parts = (process.env.BENCH_PARTS ?? 'store,engine').split(',');
const HOLDS = process.env.BENCH_HOLDS !== '0';
const ENGINE_MINUTES = Number(process.env.BENCH_ENGINE_MINUTES ?? 30);
const TICK_MS = 5000;

/**
 * The whole live path: market tick -> candle close -> 1,000 strategy evaluations -> decisions ->
 * orders written, sent to the paper venue, acknowledged/filled and written again, all through the
 * real engine and this store. Latency = wall time from the tick's arrival to the engine's `order`
 * event for a venue-acknowledged order (emitted after its commit).
 */
const USERS = 100;
/**
 * Share of users with a screen open. An automated product's users mostly let their bots run
 * unwatched; one in ten with a socket open at once is the assumption stated with the figures.
 */
const CONNECTED = Number(process.env.BENCH_CONNECTED ?? 0.1);

/**
 * Live mark-to-market as the server runs it: every price tick moves the marks, every ledger
 * commit drops the cached balances, and each clock second the connected users holding a moved
 * symbol get their account revalued (published here as the JSON a socket would send).
 */
const attachMarkToMarket = async (o: {
  store: Store;
  engine: ReturnType<typeof createTradingEngine>;
  instruments: ReturnType<typeof toContractInstrument>[];
  tenants: string[];
  now: () => number;
}) => {
  const positions = new PositionsView({ store: o.store, owns: () => true });
  o.engine.events.on('event', (e) => positions.onEngineEvent(e));
  const profiles = new Map<string, Awaited<ReturnType<Store['listProfiles']>>>();
  for (const t of o.tenants) {
    profiles.set(t, await o.store.listProfiles(tenantScope(t)));
    await positions.open(t);
  }
  const books = createPortfolio({
    store: o.store,
    events: o.engine.events,
    positions,
    instruments: o.instruments,
    prices: [],
    owns: () => true,
    owned: () => o.tenants,
    profiles: async (t) => profiles.get(t) ?? [],
    now: o.now,
    staleAfterMs: 60_000,
    settledBooks: (t, only) => o.engine.books(t).settled(only),
  });
  // The gateway's presence, with the first CONNECTED share of users holding a socket (user uK
  // trades in tenant K mod 10, so they spread evenly over the tenants).
  const presence = new UserPresence({ instance: 'bench', now: o.now, announceMs: 10_000 });
  const connected = Math.round(USERS * CONNECTED);
  for (let k = 0; k < connected; k += 1) presence.add(`engine-t${k % TENANTS}`, `u${k}`);
  const stats = { pushes: 0, bytes: 0, connected };
  const live = books.live(
    (_target, payload) => {
      stats.pushes += 1;
      stats.bytes += JSON.stringify(payload).length;
    },
    { watching: (t) => presence.users(t) },
  );
  const stop = live.start();
  return { live, stop, stats };
};

const MTM = process.env.BENCH_MTM ?? 'both';
const cpuRuns: { label: string; mtm: boolean; selfS: number; restS: number; closes: number }[] = [];

const runEngine = async (
  label: string,
  store: Store,
  lease: { databaseUrl?: string; schema?: string },
  mtm = false,
) => {
  const start = Date.UTC(2026, 0, 5);
  const clock = new TestClock(start);
  const sims = benchInstruments();
  const market = new SimulatedMarket({
    clock,
    seed: 42,
    tickMs: TICK_MS,
    instruments: sims,
    // An hour of history before the engine starts, so strategies are primed from the first tick.
    startTime: start - 3_600_000,
    timeframes: ['1m'],
    historyLimit: 200,
  });
  market.advanceTo(start);
  const exchange = new PaperExchange({
    clock,
    instruments: sims.map(toContractInstrument),
    latencyMs: 0,
    slippageBps: 2,
    startingCash: '100000000',
  });
  market.subscribe((e) => {
    if (e.kind === 'tick') exchange.setPrice(e.symbol, e.price);
  });
  // Times every commit the engine makes, inside the live loop.
  const commitMs: number[] = [];
  const timedJournal: TradingJournal = {
    commit: async (batch) => {
      const s = performance.now();
      await store.journal.commit(batch);
      commitMs.push(performance.now() - s);
    },
    load: (tenantId, options) => store.journal.load(tenantId, options),
    findOrder: (tenantId, clientOrderId) => store.journal.findOrder(tenantId, clientOrderId),
  };
  const instanceId = `bench-engine-${label.split(' ')[0] ?? 'x'}`;
  const engine = createTradingEngine({
    clock,
    market,
    execution: (tenantId) => exchange.client(tenantId),
    journal: timedJournal,
    instanceId,
    // As the server runs it (server.ts): HOLD decisions are stored too.
    config: { marketStaleMs: 60_000, persistHoldDecisions: HOLDS },
  });
  engine.setControls({ product: PRODUCT_ON, productReceivedAt: clock.now() });
  const leases = createLeaseManager({ store, instanceId, ...lease });
  for (let t = 0; t < TENANTS; t += 1) {
    const tenantId = `engine-t${t}`;
    await store.ensureTenant({ id: tenantId, name: tenantId });
    for (let i = t; i < PROFILES; i += TENANTS) {
      const symbol = sims[i % sims.length]?.symbol ?? 'BTC-USD';
      const p = makeProfile({
        id: `engine-p${i}`,
        tenantId,
        // Ten profiles per user (the most a plan allows): a user's portfolio push carries their
        // profiles, so one user owning a whole tenant would measure a payload no user has.
        userId: `u${i % USERS}`,
        symbols: [symbol],
        strategy: {
          strategy: 'sma-cross',
          params: { fastPeriod: 2 + (i % 3), slowPeriod: 6 + (i % 5), kind: 'sma' },
        },
        capital: '100000',
        risk: { cooldownAfterLossMs: 0, maxDailyLoss: '1000000', maxDrawdownPct: '0.9' },
      });
      await store.createProfile(tenantScope(tenantId), {
        id: p.id,
        userId: p.userId,
        name: p.name,
        symbols: p.symbols,
        timeframe: p.timeframe,
        strategy: p.strategy,
        capitalAllocation: p.capitalAllocation,
        risk: p.risk,
        enabled: true,
      });
    }
    const got = await leases.tryAcquire(tenantId);
    if (!got) throw new Error(`no lease for ${tenantId}`);
    await engine.startTenant(tenantId, { epoch: got.epoch });
  }
  engine.start();
  const loadedRss = process.memoryUsage().rss;
  const tenantIds = Array.from({ length: TENANTS }, (_, t) => `engine-t${t}`);
  const marking = mtm
    ? await attachMarkToMarket({
        store,
        engine,
        instruments: sims.map(toContractInstrument),
        tenants: tenantIds,
        now: () => clock.now(),
      })
    : null;

  let stepStart = 0;
  const orderLatency: number[] = [];
  const stepMs: number[] = [];
  let decisions = 0;
  engine.events.on('event', (e) => {
    if (e.name === 'decision') decisions += 1;
    if (e.name === 'order') {
      const status = (e.payload as { status?: string }).status;
      if (status !== 'NEW') orderLatency.push(performance.now() - stepStart);
    }
  });
  const steps = (ENGINE_MINUTES * 60_000) / TICK_MS;
  const machineBefore = machineBusySeconds();
  const selfBefore = process.cpuUsage();
  for (let i = 0; i < steps; i += 1) {
    clock.advance(TICK_MS);
    stepStart = performance.now();
    engine.setControls({ product: PRODUCT_ON, productReceivedAt: clock.now() });
    market.advanceTo(clock.now());
    exchange.flush();
    await engine.idle();
    await marking?.live.idle();
    stepMs.push(performance.now() - stepStart);
  }
  const selfCpu = process.cpuUsage(selfBefore);
  const machineCpu = machineBusySeconds() - machineBefore;
  marking?.stop();
  await engine.stop();
  await leases.close();
  const ol = summarise(orderLatency.length ? orderLatency : [NaN]);
  const sl = summarise(stepMs);
  const closeSteps = stepMs.filter((_, i) => ((i + 1) * TICK_MS) % 60_000 === 0);
  const cl = summarise(closeSteps);
  console.log(
    `\n== engine on ${label}: ${PROFILES} profiles, ${sims.length} symbols, ${ENGINE_MINUTES} simulated minutes, ` +
      `mark-to-market ${mtm ? 'ON' : 'off'} ==`,
  );
  if (marking)
    console.log(
      `mark-to-market: ${marking.stats.connected} of ${USERS} users connected, ${marking.stats.pushes} portfolio pushes, ` +
        `${(marking.stats.bytes / 1024 / 1024).toFixed(1)} MB of JSON`,
    );
  console.log(
    `rss with ${PROFILES} profiles loaded and trading: ${mb(loadedRss)} (process total, includes the store)`,
  );
  console.log(
    `decisions ${decisions}, venue-acknowledged order events ${orderLatency.length}, stats ${JSON.stringify(engine.stats)}`,
  );
  console.log(
    `tick -> order acknowledged+persisted  n=${ol.n} p50 ${ms(ol.p50)} p99 ${ms(ol.p99)} max ${ms(ol.max)}`,
  );
  console.log(
    `every step (all symbols' ticks)       n=${sl.n} p50 ${ms(sl.p50)} p99 ${ms(sl.p99)}`,
  );
  console.log(
    `candle-close steps (1,000 evaluations) n=${cl.n} p50 ${ms(cl.p50)} p99 ${ms(cl.p99)}`,
  );
  const cm = summarise(commitMs);
  console.log(
    `engine journal commits                n=${cm.n} p50 ${ms(cm.p50)} p99 ${ms(cm.p99)} max ${ms(cm.max)}`,
  );
  const selfS = (selfCpu.user + selfCpu.system) / 1e6;
  const closes = Math.max(1, closeSteps.length);
  console.log(
    `cpu while trading: this process ${selfS.toFixed(2)} s (${((selfS / closes) * 1000).toFixed(0)} ms per close)` +
      (Number.isNaN(machineCpu)
        ? ''
        : `, the rest of the machine (the database, on one box) ${(machineCpu - selfS).toFixed(2)} s ` +
          `(${(((machineCpu - selfS) / closes) * 1000).toFixed(0)} ms per close)`),
  );
  cpuRuns.push({
    label,
    mtm,
    selfS,
    restS: Number.isNaN(machineCpu) ? NaN : machineCpu - selfS,
    closes,
  });
  console.log(
    `orders per candle close ${(orderLatency.length / Math.max(1, closeSteps.length)).toFixed(1)} ` +
      `(each order = 2 commits: intent before sending, then the venue's answer)`,
  );
};

const main = async () => {
  console.log(
    `live-loop persistence bench ${new Date().toISOString()} node ${process.version} ` +
      `cpus ${availableParallelism()} load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  // BENCH_DRIVERS=postgres measures PostgreSQL alone, so its RSS is not inflated by PGlite's WASM.
  const drivers = (process.env.BENCH_DRIVERS ?? 'pglite,postgres').split(',');
  if (drivers.includes('pglite')) await runPglite();
  const url = process.env.DATABASE_URL;
  if (!drivers.includes('postgres')) return;
  if (!url) {
    console.log('\nDATABASE_URL not set: PostgreSQL half skipped');
    return;
  }
  await runPostgres(url);
};

// BENCH_PGLITE_DIR=<empty dir> measures the file-backed default deployment instead of memory://
// (whose in-memory file system also holds WAL segments, which shows in RSS).
// `twice`: two runs without, the order effect of a second run in one process (heap, JIT).
const mtmModes = (): boolean[] =>
  MTM === 'on'
    ? [true]
    : MTM === 'off'
      ? [false]
      : MTM === 'twice'
        ? [false, false]
        : [false, true];

const runPglite = async () => {
  const dataDir = process.env.BENCH_PGLITE_DIR ?? 'memory://';
  const label = `pglite (${dataDir})`;
  for (const [i, mtm] of (parts.includes('engine') ? mtmModes() : [false]).entries()) {
    const lite = await createStore({ dataDir });
    try {
      if (parts.includes('store') && i === 0) await runDriver(label, lite, {});
      if (parts.includes('engine')) await runEngine(label, lite, {}, mtm);
    } finally {
      await lite.close();
    }
  }
};

const runPostgres = async (url: string) => {
  for (const [i, mtm] of (parts.includes('engine') ? mtmModes() : [false]).entries()) {
    const { schema, drop } = await createTestSchema();
    try {
      const store = await createStore({
        databaseUrl: url,
        dataDir: 'unused',
        schema,
        poolSize: 10,
      });
      try {
        if (parts.includes('store') && i === 0)
          await runDriver('postgresql', store, { databaseUrl: url, schema });
        if (parts.includes('engine'))
          await runEngine('postgresql', store, { databaseUrl: url, schema }, mtm);
      } finally {
        await store.close();
      }
    } finally {
      await drop();
    }
  }
};

/** The mark-to-market figure, printed beside the run without it (same driver, same process). */
const printMarkToMarketCost = () => {
  for (const label of new Set(cpuRuns.map((r) => r.label))) {
    const off = cpuRuns.find((r) => r.label === label && !r.mtm);
    const on = cpuRuns.find((r) => r.label === label && r.mtm);
    if (!off || !on) continue;
    const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)} %`;
    console.log(
      `\n== mark-to-market cost on ${label} ==\n` +
        `this process: without ${off.selfS.toFixed(2)} s, with ${on.selfS.toFixed(2)} s (${pct(on.selfS, off.selfS)}); ` +
        `the rest of the machine (database): without ${off.restS.toFixed(2)} s, with ${on.restS.toFixed(2)} s; ` +
        `both: ${pct(on.selfS + on.restS, off.selfS + off.restS)} (goal: at most +10 %)`,
    );
  }
};

await main();
printMarkToMarketCost();
