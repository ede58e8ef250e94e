/** The ports: what the engine and services ask of the outside world. Types, and the test clock. */
export { type Clock, TestClock, systemClock } from './clock.js';
export type * from './execution-client.js';
export { ExecutionError, isExecutionError } from './execution-client.js';
export type * from './journal.js';
export type * from './market-data.js';
export type * from './store.js';
export type * from './backtest-results.js';
export type * from './notification-store.js';
export { tenantScope } from './store.js';
export type * from './job-queue.js';
