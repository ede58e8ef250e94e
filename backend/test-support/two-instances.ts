import { PaperExchange } from '../src/adapters/exchange/paper/paper-exchange.js';
import {
  DEFAULT_SIM_INSTRUMENTS,
  toContractInstrument,
} from '../src/adapters/market/instruments.js';
import { systemClock } from '../src/ports/clock.js';
import type { JobOverrides } from '../src/compose/research.js';
import { startTestBackend, type TestBackend } from './backend-harness.js';
import { createTestSchema } from './db.js';

/** The demo's instruments on a paper venue that outlives the backends sharing or restarting on it. */
export const demoPaperVenue = (): PaperExchange =>
  new PaperExchange({
    clock: systemClock,
    instruments: DEFAULT_SIM_INSTRUMENTS.map(toContractInstrument),
  });

export interface TwoInstances {
  a: TestBackend;
  b: TestBackend;
  exchange: PaperExchange;
  /** The PostgreSQL schema both share (a third process may join it). */
  schema: string;
  /** Stops both instances and drops their schema. */
  stop: () => Promise<void>;
}

/**
 * Two backend instances on one fresh PostgreSQL schema, one Redis and one venue, as a
 * deployment behind a balancer runs them (a real exchange is shared by every instance).
 */
export async function startTwoInstances(o: {
  redisUrl: string;
  instancePrefix: string;
  speed?: number;
  jobs?: JobOverrides;
}): Promise<TwoInstances> {
  const schema = await createTestSchema();
  const exchange = demoPaperVenue();
  const common = {
    databaseUrl: schema.url,
    schema: schema.schema,
    redisUrl: o.redisUrl,
    exchange,
    speed: o.speed ?? 10,
    ...(o.jobs ? { jobs: o.jobs } : {}),
  };
  const started: TestBackend[] = [];
  const stop = async () => {
    for (const backend of started) await backend.stop();
    await schema.drop();
  };
  try {
    started.push(await startTestBackend({ ...common, instanceId: `${o.instancePrefix}-a` }));
    started.push(await startTestBackend({ ...common, instanceId: `${o.instancePrefix}-b` }));
  } catch (err) {
    await stop();
    throw err;
  }
  const [a, b] = started as [TestBackend, TestBackend];
  return { a, b, exchange, schema: schema.schema, stop };
}
