import { MobilePolicy, PutMobilePolicyBody } from './schemas/mobile-policy.js';
import type { RouteDef } from './route-def.js';

/** The tenant's approved mobile interventions (part of API_ROUTES). */
export const MOBILE_POLICY_ROUTES = {
  mobilePolicy: {
    method: 'GET',
    path: '/api/mobile-policy',
    response: MobilePolicy,
    access: 'user',
    summary: "My organisation's approved mobile interventions",
  },
  adminPutMobilePolicy: {
    method: 'PUT',
    path: '/api/admin/mobile-policy',
    body: PutMobilePolicyBody,
    response: MobilePolicy,
    access: 'tenant_admin',
    summary: 'Set which interventions the mobile app may take in my organisation (audited)',
  },
} as const satisfies Record<string, RouteDef>;
