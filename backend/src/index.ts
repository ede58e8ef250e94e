/**
 * The backend package's main entry: the composition (start a whole backend, run a paper
 * backtest). Narrower entries: `./engine`, `./adapters`, `./ports`, `./domain`, `./api`,
 * `./services`, and `./testing` (test kits, outside src/).
 */
export { startBackend, type BackendOverrides, type RunningBackend } from './server.js';
export { paperBacktest, type PaperBacktestOptions } from './compose/paper-backtest.js';
export { simulatedDataRange } from './compose/research.js';
