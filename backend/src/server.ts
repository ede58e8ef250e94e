import type { PaperExchange } from './adapters/exchange/paper/paper-exchange.js';
import type { createLeaseManager, SqlStore } from './adapters/store/index.js';
import type { RealtimeGateway } from './api/realtime/gateway.js';
import { composeBackend, type BackendOverrides, type ComposedBackend } from './compose/backend.js';
import { attachRealtime } from './compose/realtime.js';
import type { TradingEngine } from './engine/index.js';
import type { BackendEnv } from './env.js';
import type { ConfigService } from './services/config-service.js';
import type { ControlsService } from './services/controls-service.js';

export type { BackendOverrides } from './compose/backend.js';

export interface RunningBackend {
  url: string;
  port: number;
  instanceId: string;
  stop(): Promise<void>;
  /** Internals for tests and tools. */
  parts: {
    store: SqlStore;
    engine: TradingEngine;
    controls: ControlsService;
    config: ConfigService;
    gateway: RealtimeGateway;
    exchange: PaperExchange;
    leases: ReturnType<typeof createLeaseManager>;
    /** Tests freeze prices (dispose) to read books that cannot move. */
    market: { dispose(): Promise<void> };
  };
}

/**
 * A backend process: the composition (compose/backend.ts), then the socket gateway, then the
 * loops start and the server listens. `main.ts` calls it with the process env; tests call it to
 * run real instances in-process.
 */
export async function startBackend(
  env: BackendEnv,
  overrides: BackendOverrides = {},
): Promise<RunningBackend> {
  const backend = await composeBackend(env, overrides);
  const realtime = attachRealtime(backend.ctx, backend);
  await backend.start();
  const port = await listen(backend, env);

  let stopped = false;
  return {
    url: `http://${env.HOST}:${port}`,
    port,
    instanceId: backend.ctx.instanceId,
    parts: {
      store: backend.store,
      engine: backend.engine,
      controls: backend.controls,
      config: backend.config,
      gateway: realtime.gateway,
      exchange: backend.exchange,
      leases: backend.loops.leases,
      market: backend.market,
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      realtime.detach();
      await backend.halt();
      await realtime.close();
      await backend.close();
    },
  };
}

async function listen(backend: ComposedBackend, env: BackendEnv): Promise<number> {
  const { app, store, ctx } = backend;
  await app.listen({ host: env.HOST, port: env.PORT });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  ctx.logger.info(
    { port, driver: store.driver, redis: Boolean(env.REDIS_URL) },
    'trading backend listening',
  );
  return port;
}
