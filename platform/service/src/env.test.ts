import { describe, expect, it } from 'vitest';
import { parsePlatformEnv } from './env.js';

describe('platform env in production', () => {
  it('refuses the demo seed and the dev mailbox at start, with a message naming each', () => {
    expect(() => parsePlatformEnv({ NODE_ENV: 'production', PLATFORM_SEED_DEMO: 'true' })).toThrow(
      /PLATFORM_SEED_DEMO: is refused when NODE_ENV=production[\s\S]*SMTP_URL: is required/,
    );
    expect(
      parsePlatformEnv({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example:25' })
        .PLATFORM_SEED_DEMO,
    ).toBe(false);
    expect(parsePlatformEnv({ PLATFORM_SEED_DEMO: 'true' }).PLATFORM_SEED_DEMO).toBe(true);
  });
});
