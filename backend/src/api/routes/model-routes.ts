import type { Principal } from '../auth/principal.js';
import type { RouteHandlers } from '../http/route-context.js';
import { realActor } from '../security-audit.js';
import type { ModelCaller } from '../../services/models/model-registry.js';
import type { ApiDeps } from './deps.js';
import { assertKnownSymbols } from './profile-routes.js';

type ModelRoutes = Pick<
  RouteHandlers,
  | 'listModels'
  | 'getModel'
  | 'trainModel'
  | 'disableModel'
  | 'approveModel'
  | 'createModelTraining'
  | 'listModelTrainings'
  | 'getModelTraining'
  | 'cancelModelTraining'
>;

const callerOf = (principal: Principal, requestId: string): ModelCaller => ({
  userId: principal.userId,
  actor: realActor(principal),
  requestId,
});

/** The model registry: a tenant's versions, training (tenant admins) and the kill switch. */
export const modelRoutes = (d: ApiDeps): ModelRoutes => ({
  listModels: async ({ scope }) => ({ items: await d.modelRegistry.list(scope) }),
  getModel: async ({ scope, params }) => d.modelRegistry.get(scope, params.id),
  trainModel: async ({ scope, principal, body, requestId }) => {
    assertKnownSymbols(d, [body.symbol]);
    return d.modelRegistry.train(scope, callerOf(principal, requestId), body);
  },
  disableModel: async ({ scope, principal, params, body, requestId }) =>
    d.modelRegistry.disable(scope, callerOf(principal, requestId), {
      id: params.id,
      reason: body.reason,
    }),
  approveModel: async ({ scope, principal, params, body, requestId }) =>
    d.modelRegistry.approve(scope, callerOf(principal, requestId), {
      id: params.id,
      note: body.note,
    }),
  createModelTraining: async ({ scope, principal, body, requestId }) => {
    assertKnownSymbols(d, [body.symbol]);
    return d.modelTrainings.submit(scope, callerOf(principal, requestId), body);
  },
  listModelTrainings: async ({ scope }) => ({ items: await d.modelTrainings.list(scope) }),
  getModelTraining: async ({ scope, params }) => d.modelTrainings.get(scope, params.id),
  cancelModelTraining: async ({ scope, params }) => d.modelTrainings.cancel(scope, params.id),
});
