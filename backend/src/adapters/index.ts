/** The adapters, for the composition and for consumers that wire their own (benches, tools). */
export {
  PaperExchange,
  type PaperAccount,
  type PaperExchangeOptions,
} from './exchange/paper/paper-exchange.js';
export { ReplayFeed, parseCsvBars } from './market/csv-replay.js';
export { generateBarColumns } from './market/generate-bars.js';
export {
  DEFAULT_SIM_INSTRUMENTS,
  toContractInstrument,
  type SimInstrument,
} from './market/instruments.js';
export { SimulatedMarket, type SimulatedMarketOptions } from './market/simulated-market.js';
export { openPostgresDriver } from './store/postgres-driver.js';
export {
  LeaseManager,
  SqlStore,
  createLeaseManager,
  createStore,
  type CreateStoreOptions,
} from './store/index.js';
export { SqlCandleStore } from './store/repo-candles.js';
export { candleCopyChunks } from './store/copy-text.js';
export { CachedCandleStore } from './store/cached-candle-store.js';
export { SqlBacktestResultStore } from './store/repo-backtest-results.js';
export { InProcessJobQueue } from './queue/in-process-queue.js';
export { PgBossJobQueue } from './queue/pg-boss-queue.js';
export { SqlSearchStore } from './store/repo-searches.js';
