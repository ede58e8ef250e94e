/** What the shared browser-test stack reads from the environment: the one place it does. */
export const stackEnv = { ci: process.env.CI === 'true' };

/** What child processes (platform, backend) inherit, before the caller adds its own settings. */
export const inheritedEnv = (): NodeJS.ProcessEnv => ({ ...process.env });
