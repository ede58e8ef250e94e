/** The environment the mobile browser tests read and pass on: the one place they touch `process.env`. */
export const e2eEnv = {
  screenshotDir: process.env.E2E_SCREENSHOT_DIR || null,
  /** A PostgreSQL server (CI sets it): the bytes test seeds a 500-point equity history there. */
  databaseUrl: process.env.DATABASE_URL || null,
};

/** What the `expo export` child inherits, before the test adds the app's service URLs. */
export const inheritedEnv = (): NodeJS.ProcessEnv => ({ ...process.env });
