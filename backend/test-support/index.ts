/**
 * `@bytelyst/trading-backend/testing`: the test kits, outside src/ so no production file can
 * reach them. The crash test's child process (engine/crash-child.ts) is started by path.
 */
export { makeProfile, PRODUCT_ON } from './engine/fixtures.js';
export { HARNESS_START, createHarness } from './engine/harness.js';
export * from './fixtures.js';
export * from './db.js';
export * from './backend-harness.js';
export * from './api-harness.js';
export * from './two-instances.js';
export * from './reads.js';
export * from './market-data.js';
