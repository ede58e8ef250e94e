import { hostname } from 'node:os';
import pino, { type Logger } from 'pino';
import { createMetrics } from '../api/metrics.js';
import type { BackendEnv } from '../env.js';
import { systemClock, type Clock } from '../ports/clock.js';

/** What every other piece of the composition reads: the env and the process's own basics. */
export interface ProcessContext {
  readonly env: BackendEnv;
  readonly instanceId: string;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly metrics: ReturnType<typeof createMetrics>;
  /** Market-time staleness bound used by the engine, readiness and valuation alike. */
  readonly staleMs: number;
}

export interface ProcessOverrides {
  clock?: Clock | undefined;
  logger?: Logger | undefined;
  staleMarketDataMs?: number | undefined;
}

export function processContext(env: BackendEnv, overrides: ProcessOverrides): ProcessContext {
  const instanceId = env.INSTANCE_ID ?? `${hostname()}-${process.pid}`;
  const logger =
    overrides.logger ??
    pino({ level: env.LOG_LEVEL, base: { service: 'trading-backend', instance: instanceId } });
  return {
    env,
    instanceId,
    logger,
    clock: overrides.clock ?? systemClock,
    metrics: createMetrics(),
    staleMs: overrides.staleMarketDataMs ?? Math.max(15_000, env.MARKET_TICK_MS * 5),
  };
}
