/** The environment the web's browser tests read and set: the one place they touch `process.env`. */
export const e2eEnv = { screenshotDir: process.env.E2E_SCREENSHOT_DIR || null };

/** Build-time variables Vite reads from the environment (it has no other input). */
export function setBuildEnv(vars: Record<string, string>): void {
  Object.assign(process.env, vars);
}
