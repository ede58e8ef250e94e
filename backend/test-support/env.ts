/** What test helpers read from the environment: which servers to run against, and whether this is CI. */
export const testEnv = {
  DATABASE_URL: process.env.DATABASE_URL || null,
  REDIS_URL: process.env.REDIS_URL || null,
  CI: process.env.CI === 'true',
  /** Backend log level inside tests (default silent); e.g. TEST_LOG_LEVEL=warn to see why a run failed. */
  LOG_LEVEL: process.env.TEST_LOG_LEVEL || 'silent',
};
