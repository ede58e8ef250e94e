import type { RouteHandlers } from '../http/route-context.js';
import { realActor } from '../security-audit.js';
import type { ApiDeps } from './deps.js';

type MobilePolicyRoutes = Pick<RouteHandlers, 'mobilePolicy' | 'adminPutMobilePolicy'>;

/**
 * The tenant's approved mobile interventions: everyone in the tenant reads them (the app shows
 * only what is allowed), its admins set them. The backend enforces them (MobileInterventions).
 */
export const mobilePolicyRoutes = (deps: ApiDeps): MobilePolicyRoutes => ({
  mobilePolicy: ({ scope }) => deps.store.getMobilePolicy(scope),
  adminPutMobilePolicy: async ({ scope, principal, body, requestId }) => {
    const actor = realActor(principal);
    const { before, after } = await deps.store.putMobilePolicy(scope, {
      allowed: body.allowed,
      by: actor.id,
    });
    await deps.audit.record({
      actor,
      tenantId: scope.tenantId,
      action: 'mobile_policy.set',
      target: `tenant:${scope.tenantId}`,
      before: { allowed: before.allowed },
      after: { allowed: after.allowed },
      reason: body.reason,
      requestId,
    });
    return after;
  },
});
