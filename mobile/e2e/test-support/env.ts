/** The environment the mobile browser tests read and pass on: the one place they touch `process.env`. */
export const e2eEnv = { screenshotDir: process.env.E2E_SCREENSHOT_DIR || null };

/** What the `expo export` child inherits, before the test adds the app's service URLs. */
export const inheritedEnv = (): NodeJS.ProcessEnv => ({ ...process.env });
