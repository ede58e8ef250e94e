/** Application services a host can run on their own (the backtest service over a store). */
export { BacktestService } from './backtest/backtest-service.js';
export { PositionsView } from './positions-view.js';
export { createPortfolio } from './portfolio/index.js';
