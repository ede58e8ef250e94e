import type { TradingProfile } from '@bytelyst/trading-contracts';
import {
  PaperExchange,
  type PaperExchangeOptions,
} from '../../src/adapters/exchange/paper/paper-exchange.js';
import {
  DEFAULT_SIM_INSTRUMENTS,
  toContractInstrument,
} from '../../src/adapters/market/instruments.js';
import { SimulatedMarket } from '../../src/adapters/market/simulated-market.js';
import { TestClock } from '../../src/ports/clock.js';
import type { TradingJournal } from '../../src/ports/journal.js';
import type { ExecutionClient } from '../../src/ports/execution-client.js';
import type { EngineConfigInput } from '../../src/engine/context.js';
import { InMemoryJournal } from '../../src/engine/in-memory-journal.js';
import {
  type TradingEngine,
  type TradingEngineDeps,
  createTradingEngine,
} from '../../src/engine/trading-engine.js';
import { PRODUCT_ON } from './fixtures.js';

export const HARNESS_START = Date.UTC(2026, 0, 5, 0, 0, 0);

/**
 * The whole engine on a test clock: seeded market, paper exchange (fed by the market's ticks),
 * a journal, and a helper that advances time in steps and waits for the engine between steps.
 */
export function createHarness(o: {
  seed?: number;
  symbols?: string[];
  tickMs?: number;
  journal?: TradingJournal;
  exchange?: PaperExchange;
  exchangeOptions?: Partial<PaperExchangeOptions>;
  config?: EngineConfigInput;
  clock?: TestClock;
  instanceId?: string;
  /** Model versions model strategies read (none by default). */
  models?: TradingEngineDeps['models'];
  /** Venue tags and feed health, as the composition root gives them (none by default). */
  venues?: Pick<TradingEngineDeps, 'venueTagOf' | 'venueFeeds'>;
  /** The client of a venue account (account id not null); the paper book's otherwise. */
  venueClient?: (tenantId: string, accountId: string, paper: PaperExchange) => ExecutionClient;
}) {
  const clock = o.clock ?? new TestClock(HARNESS_START);
  const sims = DEFAULT_SIM_INSTRUMENTS.filter((i) => (o.symbols ?? ['BTC-USD']).includes(i.symbol));
  const market = new SimulatedMarket({
    clock,
    seed: o.seed ?? 7,
    tickMs: o.tickMs ?? 5000,
    instruments: sims,
    startTime: clock.now(),
    timeframes: ['1m', '5m'],
  });
  const exchange =
    o.exchange ??
    new PaperExchange({
      clock,
      instruments: sims.map(toContractInstrument),
      latencyMs: 0,
      slippageBps: 2,
      ...o.exchangeOptions,
    });
  market.subscribe((e) => {
    if (e.kind === 'tick') exchange.setPrice(e.symbol, e.price);
  });
  const journal = o.journal ?? new InMemoryJournal();
  const engine: TradingEngine = createTradingEngine({
    clock,
    market,
    execution: (tenantId, accountId) =>
      accountId && o.venueClient
        ? o.venueClient(tenantId, accountId, exchange)
        : exchange.client(tenantId),
    journal,
    instanceId: o.instanceId ?? 'test-instance',
    ...(o.models ? { models: o.models } : {}),
    config: { marketStaleMs: 60_000, ...o.config },
    ...o.venues,
  });
  engine.setControls({ product: PRODUCT_ON, productReceivedAt: clock.now() });
  engine.start();

  /** Advances the clock by `ms` in market-tick steps, letting the engine finish each step. */
  async function run(ms: number): Promise<void> {
    const end = clock.now() + ms;
    const step = o.tickMs ?? 5000;
    while (clock.now() < end) {
      clock.advance(step);
      engine.setControls({ product: PRODUCT_ON, productReceivedAt: clock.now() });
      market.advanceTo(clock.now());
      exchange.flush();
      await engine.idle();
    }
  }

  async function startTenant(tenantId: string, profiles: TradingProfile[], epoch = 1) {
    if (journal instanceof InMemoryJournal) for (const p of profiles) journal.putProfile(p);
    return engine.startTenant(tenantId, { epoch });
  }

  return { clock, market, exchange, journal, engine, run, startTenant };
}
