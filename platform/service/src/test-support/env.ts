/** What test helpers read from the environment: the PostgreSQL server to run against, and whether this is CI. */
export const testEnv = {
  DATABASE_URL: process.env.DATABASE_URL || null,
  CI: process.env.CI === 'true',
};
