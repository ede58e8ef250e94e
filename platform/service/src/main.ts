import { buildApp } from './app.js';
import { platformFromEnv } from './compose.js';
import { loadPlatformEnv } from './env.js';

// Composition root. Config is read first so a bad value stops start-up before anything opens.
const env = loadPlatformEnv();
const platform = await platformFromEnv(env);
const app = await buildApp({
  platform,
  logLevel: env.LOG_LEVEL,
  corsOrigins: env.CORS_ALLOWED_ORIGINS,
  devRoutes: env.NODE_ENV !== 'production' && platform.mailbox !== null,
});
platform.status.startSync(env.STATUS_SYNC_MS);
// Picks up key rotations made by another instance or the CLI (signing switches within a minute).
setInterval(() => void platform.keys.reload().catch(() => undefined), 60_000).unref();
await app.listen({ host: env.HOST, port: env.PORT });
app.log.info(
  { issuer: env.PUBLIC_URL, storage: env.DATABASE_URL ? 'postgres' : env.PLATFORM_DATA_DIR },
  'platform-service ready',
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    void app
      .close()
      .then(() => platform.close())
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  });
}
