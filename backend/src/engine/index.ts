export {
  createTradingEngine,
  TradingEngine,
  type TradingEngineDeps,
  type ControlsUpdate,
  type EngineHealth,
} from './trading-engine.js';
export { EngineEvents, type EngineEvent, type EngineEventMap } from './events.js';
export {
  EngineConfigSchema,
  type EngineConfig,
  type EngineConfigInput,
  type EngineLogger,
  type EngineStats,
} from './context.js';
export type { ManualOrderResult } from './manual-orders.js';
export type { ReconciliationReport } from './reconciliation.js';
export { InMemoryJournal, NullJournal } from './in-memory-journal.js';
export { runBacktest, type BacktestOptions, type BacktestResult } from './backtest/runner.js';
