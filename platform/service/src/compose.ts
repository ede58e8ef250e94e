import type { PlatformEnv } from './env.js';
import { systemClock, type Clock } from './domain/clock.js';
import { SmtpMailer } from './services/mailer.js';
import { createPlatform, type Platform } from './services/platform.js';
import { openDatabase } from './storage/open.js';

/** Env in, a ready Platform out: shared by the server's and the CLI's composition roots. */
export async function platformFromEnv(
  env: PlatformEnv,
  opts: { clock?: Clock; seedDemo?: boolean } = {},
): Promise<Platform> {
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    schema: env.DATABASE_SCHEMA,
    dataDir: env.PLATFORM_DATA_DIR,
  });
  try {
    return await createPlatform({
      db,
      clock: opts.clock ?? systemClock,
      config: {
        issuer: env.PUBLIC_URL,
        audience: env.JWT_AUDIENCE,
        accessTtlS: env.ACCESS_TOKEN_TTL_S,
        refreshTtlS: env.REFRESH_TOKEN_TTL_S,
        serviceClientSecret: env.SERVICE_CLIENT_SECRET,
        resetUrlBase: env.PASSWORD_RESET_URL,
        seedDemo: opts.seedDemo ?? env.PLATFORM_SEED_DEMO,
      },
      ...(env.SMTP_URL
        ? { mailer: new SmtpMailer({ url: env.SMTP_URL, from: env.SMTP_FROM }) }
        : {}),
    });
  } catch (e) {
    await db.close();
    throw e;
  }
}
