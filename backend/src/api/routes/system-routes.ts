import {
  STRATEGY_DESCRIPTIONS,
  STRATEGY_IDS,
  STRATEGY_PARAM_SCHEMAS,
} from '@bytelyst/trading-contracts';
import { z } from 'zod';
import type { RouteHandlers } from '../http/route-context.js';
import type { ApiDeps } from './deps.js';

type SystemRoutes = Pick<
  RouteHandlers,
  'healthLive' | 'healthReady' | 'me' | 'featureFlags' | 'botState' | 'strategies'
>;

const strategyInfos = STRATEGY_IDS.map((id) => ({
  id,
  ...STRATEGY_DESCRIPTIONS[id],
  paramsSchema: z.toJSONSchema(STRATEGY_PARAM_SCHEMAS[id], { io: 'input' }),
}));

export const systemRoutes = (deps: ApiDeps): SystemRoutes => ({
  healthLive: async () => ({
    status: 'ok',
    service: 'trading-backend',
    version: deps.version,
    time: new Date().toISOString(),
    checks: [],
  }),
  healthReady: async ({ reply }) => {
    const result = await deps.readiness.check();
    if (result.status !== 'ok') void reply.code(503);
    return result;
  },
  me: async ({ principal }) => ({
    userId: principal.userId,
    tenantId: principal.tenantId,
    email: null,
    displayName: null,
    role: principal.role,
    preview: principal.previewBy !== null,
  }),
  featureFlags: async () => deps.flags.flags(),
  botState: async ({ principal }) => deps.engine.botState(principal.tenantId),
  strategies: async () => ({ items: strategyInfos }),
});
