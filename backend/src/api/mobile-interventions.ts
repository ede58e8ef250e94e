import { AppError, type MobileAction } from '@bytelyst/trading-contracts';
import type { FastifyRequest } from 'fastify';
import type { ProfileDirectory } from '../services/profile-directory.js';
import { tenantScope, type Store } from '../ports/store.js';
import type { Principal } from './auth/principal.js';
import { idempotencyKeyOf } from './routes/idempotency.js';

const OWN_PROFILE_ONLY: ReadonlySet<MobileAction> = new Set(['profile.pause', 'profile.resume']);

/**
 * The backend half of the tenant's mobile policy: a request from the app (CLIENT_SURFACE_HEADER)
 * to a route marked `mobileAction` runs only if the tenant approved that action, carries an
 * Idempotency-Key, and, for pause and resume, names one of the caller's own profiles (an admin's
 * phone cannot stop a colleague's profile). Runs after the role and maintenance guards, so the
 * policy only ever narrows what the caller could do on the web.
 */
export class MobileInterventions {
  constructor(private readonly deps: { store: Store; profiles: ProfileDirectory }) {}

  async admit(input: {
    action: MobileAction;
    principal: Principal;
    request: FastifyRequest;
  }): Promise<void> {
    const { action, principal, request } = input;
    const policy = await this.deps.store.getMobilePolicy(tenantScope(principal.tenantId));
    if (!policy.allowed.includes(action))
      throw new AppError(
        'MOBILE_ACTION_NOT_ALLOWED',
        `Your organisation's mobile policy does not allow "${action}" from the app.`,
        // The refused action first; the client shows the policy it reads from /api/mobile-policy.
        { details: { reasons: [action] } },
      );
    // A retried tap (flaky network, a second press) must act once.
    idempotencyKeyOf(request);
    if (!OWN_PROFILE_ONLY.has(action)) return;
    const id = (request.params as { id?: unknown }).id;
    const profile = (await this.deps.profiles.profiles(principal.tenantId)).find(
      (p) => p.id === id,
    );
    // Someone else's profile: refused like a disallowed action; a missing one is the handler's 404.
    if (profile && profile.userId !== principal.userId)
      throw new AppError(
        'MOBILE_ACTION_NOT_ALLOWED',
        'From the app you may pause and resume only your own profiles.',
        { details: { reasons: [action, 'not_own_profile'] } },
      );
  }
}
