import type { Decision, TradingProfile } from '@bytelyst/trading-contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { CcxtExecutionClient } from './adapters/exchange/ccxt/ccxt-execution-client.js';
import { createCcxtExchange } from './adapters/exchange/ccxt/create-ccxt-exchange.js';
import { SimulatedMarket } from './adapters/market/simulated-market.js';
import { CcxtMarketFeed } from './adapters/market/venue/ccxt-market-feed.js';
import { InMemoryJournal } from './engine/in-memory-journal.js';
import { createTradingEngine } from './engine/trading-engine.js';
import { systemClock, TestClock } from './ports/clock.js';
import { LocalBinance } from '../test-support/local-binance/local-binance.js';
import { makeProfile, PRODUCT_ON } from '../test-support/engine/fixtures.js';

/**
 * A profile on a venue trades on that venue's candles: the engine's default market is the
 * simulator (a different seed, so its BTC-USD differs), the venue's feed comes from the local
 * exchange through ccxt pro, and orders go to the local exchange through ccxt.
 */
const open: { close(): Promise<unknown> }[] = [];
afterAll(async () => {
  for (const o of open.reverse()) await o.close();
});

const START = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
const STALE_MS = 90_000;

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function world() {
  const clock = new TestClock(START);
  const lb = new LocalBinance({ clock, authClock: systemClock, pumpMs: 0, seed: 5 });
  const url = await lb.listen();
  open.push(lb);
  lb.addAccount({ apiKey: 'vm-key-0000000000', secret: 'vm-secret-00000000', accountId: 'acme' });
  const feed = new CcxtMarketFeed({
    exchange: createCcxtExchange({
      exchangeId: 'binance',
      sandbox: false,
      urlOverride: url,
      pro: true,
    }),
    clock,
    symbols: ['BTC-USD'],
    timeframes: ['1m'],
    pollMs: 50,
    reconnectMs: 50,
    silenceMs: 60_000,
  });
  open.push({ close: () => feed.dispose() });
  await feed.start();
  const sim = new SimulatedMarket({
    clock,
    seed: 99,
    startTime: START - 3 * 3_600_000,
    timeframes: ['1m'],
  });
  sim.advanceTo(clock.now());
  const trading = createCcxtExchange({
    exchangeId: 'binance',
    apiKey: 'vm-key-0000000000',
    secret: 'vm-secret-00000000',
    sandbox: false,
    urlOverride: url,
  });
  const journal = new InMemoryJournal({ keepHoldDecisions: true });
  const onVenue = new Set(['p-venue']);
  const engine = createTradingEngine({
    clock,
    market: sim,
    execution: () => new CcxtExecutionClient({ exchange: trading, clock, symbols: ['BTC-USD'] }),
    journal,
    instanceId: 'venue-data-test',
    marketFor: (p) => Promise.resolve(onVenue.has(p.id) ? feed : null),
    config: { marketStaleMs: STALE_MS, persistHoldDecisions: true },
  });
  open.push({ close: () => engine.stop() });
  engine.start();
  const on = () => engine.setControls({ product: PRODUCT_ON, productReceivedAt: clock.now() });
  on();
  const profiles: TradingProfile[] = [
    makeProfile({
      id: 'p-venue',
      tenantId: 'acme',
      strategy: { strategy: 'sma-cross', params: { fastPeriod: 2, slowPeriod: 4, kind: 'sma' } },
      risk: { maxPositionNotional: '100000', cooldownAfterLossMs: 0, staleMarketDataMs: STALE_MS },
    }),
    makeProfile({
      id: 'p-sim',
      tenantId: 'acme',
      strategy: { strategy: 'sma-cross', params: { fastPeriod: 2, slowPeriod: 4, kind: 'sma' } },
    }),
  ];
  for (const p of profiles) journal.putProfile(p);
  await engine.startTenant('acme', { epoch: 1 });
  /** One minute of both markets, in step; waits for the venue's candle to reach the engine. */
  const minute = async () => {
    clock.advance(60_000);
    on();
    lb.advance();
    sim.advanceTo(clock.now());
    const closed = lb.market.history('BTC-USD', '1m', 1)[0]?.openTime;
    await until(
      () => feed.history('BTC-USD', '1m', 1)[0]?.openTime === closed,
      'the venue candle in the feed',
    );
    await engine.idle();
  };
  const decisions = (profileId: string): Decision[] =>
    journal.tables('acme').decisions.filter((d) => d.profileId === profileId);
  return { clock, lb, feed, sim, engine, journal, minute, decisions, on };
}

describe('venue market data in the engine', () => {
  it('a profile on the venue decides on the venue candles; one on paper on the simulator', async () => {
    const w = await world();
    for (let i = 0; i < 8; i++) await w.minute();
    await w.engine.stopTenant('acme'); // writes the buffered HOLD decisions
    const venue = new Map(w.lb.market.history('BTC-USD', '1m', 600).map((b) => [b.openTime, b]));
    const sim = new Map(w.sim.history('BTC-USD', '1m', 600).map((b) => [b.openTime, b]));
    const onVenue = w.decisions('p-venue');
    expect(onVenue.length).toBeGreaterThanOrEqual(8);
    for (const d of onVenue) {
      const bar = venue.get(Date.parse(d.candleTime));
      expect(bar, d.candleTime).toBeDefined();
      expect(d.inputs.close).toBe(Number(bar?.close.toFixed(8)));
    }
    // The profile's averages are those of the venue's closes.
    const last = onVenue.at(-1);
    const closes = w.lb.market.history('BTC-USD', '1m', 4).map((b) => Number(b.close.toFixed(8)));
    expect(last?.inputs.slow).toBeCloseTo(closes.reduce((a, b) => a + b, 0) / 4, 6);
    // The paper profile saw the simulator's candles at the same times, with other prices.
    const onSim = w.decisions('p-sim');
    expect(onSim.length).toBeGreaterThanOrEqual(8);
    for (const d of onSim) expect(d.inputs.close).toBe(sim.get(Date.parse(d.candleTime))?.close);
    expect(onSim.at(-1)?.inputs.close).not.toBe(last?.inputs.close);
    // Its orders went to the venue at the venue's prices.
    const orders = w.lb.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order');
    const entered = onVenue.filter((d) => d.action === 'ENTER' || d.action === 'EXIT');
    expect(orders.length).toBeGreaterThanOrEqual(entered.length);
  });

  it('a stream outage hands over to polling; with REST down too, stale past the bound', async () => {
    const w = await world();
    for (let i = 0; i < 2; i++) await w.minute();
    w.lb.marketOutage(true);
    await until(() => w.feed.health().mode === 'polling', 'polling');
    // Polling keeps the candles coming while the stream is away.
    await w.minute();
    expect(w.engine.verdictFor('acme', 'p-venue').reasons).not.toContain('MARKET_DATA_STALE');
    w.lb.restOutage(true);
    await until(() => w.feed.health().pollErrors > 0, 'a failed poll');
    const lastTick = w.feed.lastPrice('BTC-USD')?.at ?? 0;
    w.clock.set(lastTick + STALE_MS); // at the bound: not yet stale
    w.on();
    expect(w.engine.verdictFor('acme', 'p-venue').reasons).not.toContain('MARKET_DATA_STALE');
    w.clock.set(lastTick + STALE_MS + 1_000); // past it
    w.on();
    const stale = w.engine.verdictFor('acme', 'p-venue');
    expect(stale.reasons).toContain('MARKET_DATA_STALE');
    expect(stale.canEnter).toBe(false);
    // The simulator's profile is not affected by the venue's outage.
    w.sim.advanceTo(w.clock.now());
    expect(w.engine.verdictFor('acme', 'p-sim').reasons).not.toContain('MARKET_DATA_STALE');
    // REST back: polling brings fresh data, the verdict clears.
    w.lb.restOutage(false);
    w.lb.advance();
    await until(
      () => !w.engine.verdictFor('acme', 'p-venue').reasons.includes('MARKET_DATA_STALE'),
      'fresh data',
    );
    expect(w.feed.health().outages).toBeGreaterThanOrEqual(1);
  });
});
