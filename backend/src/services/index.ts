/** Application services a host can run on their own (the backtest service over a store). */
export { BacktestService } from './backtest/backtest-service.js';
export { PositionsView } from './positions-view.js';
export { createPortfolio } from './portfolio/index.js';
export { SearchService, SEARCH_TRIAL_KIND } from './research/search-service.js';
export { WorkerTrialRunner, type TrialRunner } from './research/trial-runner.js';
