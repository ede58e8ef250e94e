import { DurableChangeBus } from '../adapters/bus/durable-change-bus.js';
import { RedisChangeBus } from '../adapters/bus/redis-change-bus.js';
import { createStore, SqlStore } from '../adapters/store/index.js';
import type { ProcessContext } from './config.js';

/** PGlite (DATA_DIR) or PostgreSQL (DATABASE_URL, optionally in its own schema), migrated. */
export async function openStore(ctx: ProcessContext, schema?: string): Promise<SqlStore> {
  const store = await createStore({
    databaseUrl: ctx.env.DATABASE_URL,
    dataDir: ctx.env.DATA_DIR,
    schema,
    logger: ctx.logger,
  });
  if (!(store instanceof SqlStore)) throw new Error('unexpected store type');
  return store;
}

/** The database's LISTEN/NOTIFY carries every change; Redis, when configured, is a fast path. */
export async function openChangeBus(
  ctx: ProcessContext,
  store: SqlStore,
): Promise<DurableChangeBus> {
  const { env, logger } = ctx;
  const fast = env.REDIS_URL
    ? new RedisChangeBus({ url: env.REDIS_URL, logger, channel: `${env.REDIS_PREFIX}:changes` })
    : null;
  await fast?.ready();
  const bus = new DurableChangeBus({ store, fast, logger });
  await bus.start();
  return bus;
}
