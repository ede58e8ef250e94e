/** What test helpers read from the environment: which servers to run against, and whether this is CI. */
export const testEnv = {
  DATABASE_URL: process.env.DATABASE_URL || null,
  REDIS_URL: process.env.REDIS_URL || null,
  CI: process.env.CI === 'true',
  /** Backend log level inside tests (default silent); e.g. TEST_LOG_LEVEL=warn to see why a run failed. */
  LOG_LEVEL: process.env.TEST_LOG_LEVEL || 'silent',
};

/** Redis URL for tests, or null; CI must provide it (a missing server fails, never skips). */
export const testRedisUrl = (): string | null => {
  if (testEnv.REDIS_URL) return testEnv.REDIS_URL;
  if (testEnv.CI)
    throw new Error('REDIS_URL must be set when CI=true: Redis tests may not be skipped');
  return null;
};
