/**
 * The whole backend as the API sees it, built but not listening: no port, no sockets. Requests
 * go through `fastify.inject` (`call(api, ...)`), so route tests need neither HTTP nor a socket
 * client. Tests that need sockets, restarts or several instances use `startTestBackend`.
 */
import type { FastifyInstance } from 'fastify';
import { composeBackend, type ComposedBackend } from '../src/compose/backend.js';
import type { Clock } from '../src/ports/clock.js';
import type { RunningBackend } from '../src/server.js';
import {
  acceleratedClock,
  ControlledProductStatus,
  testBackendEnv,
  testOverrides,
  type TestBackendOptions,
} from './backend-harness.js';

export interface TestApi {
  app: FastifyInstance;
  /** The same internals a listening test backend offers, without the socket gateway. */
  parts: Omit<RunningBackend['parts'], 'gateway'>;
  backend: ComposedBackend;
  status: ControlledProductStatus;
  clock: Clock;
  stop(): Promise<void>;
}

export async function startTestApi(o: TestBackendOptions = {}): Promise<TestApi> {
  const env = await testBackendEnv(o);
  const clock = acceleratedClock(o.speed ?? 60);
  const status = new ControlledProductStatus(clock);
  const backend = await composeBackend(env, testOverrides(o, clock, status));
  // The loops run as in a server (orders need a lease holder); only the sockets and port are absent.
  await backend.start();
  await backend.app.ready();
  let stopped = false;
  return {
    app: backend.app,
    parts: {
      store: backend.store,
      engine: backend.engine,
      controls: backend.controls,
      config: backend.config,
      exchange: backend.exchange,
      leases: backend.loops.leases,
      market: backend.market,
    },
    backend,
    status,
    clock,
    async stop() {
      if (stopped) return;
      stopped = true;
      await backend.halt();
      await backend.close();
    },
  };
}
