/**
 * For tests and tools that run a real platform-service in-process (e.g. end-to-end suites).
 * Product code never imports this: it reaches the service over HTTP and JWKS only.
 */
export { buildApp, type AppOptions } from './app.js';
export { createPlatform, type Platform, type PlatformConfig } from './services/platform.js';
export { openPglite, openPostgres, type SqlDb } from './storage/db.js';
export { manualClock, systemClock, type Clock, type ManualClock } from './domain/clock.js';
export { TEST_COST } from './services/passwords.js';
export { DEMO_PASSWORD, DEMO_USERS } from './services/seed.js';
