import type { z } from 'zod';
import type { MobileAction } from './schemas/mobile-policy.js';

export type RouteAccess = 'public' | 'user' | 'tenant_admin' | 'operator';

export type RouteDef = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** The success status when it is not 200 (202: accepted, the job is polled). */
  status?: 202;
  /**
   * The role decision every route must make (see ROLE_MATRIX in docs/API.md): public = no token;
   * user = any signed-in caller, on their own data; tenant_admin = a tenant admin on their own
   * tenant, or an operator; operator = the product's operators only.
   */
  access: RouteAccess;
  /** Service tokens (backend-to-backend callers) are accepted here, and nowhere else. */
  serviceCallers?: true;
  /** Writes a user makes; refused with MAINTENANCE while the product is in maintenance. */
  userWrite?: boolean;
  /**
   * A user write that can only reduce exposure (close, disable, cancel) or is judged by the
   * engine's controls (a manual order: entries are refused there under maintenance), so it stays
   * open during maintenance: nothing opens new exposure and everyone can still get out.
   */
  exitWrite?: true;
  /**
   * An intervention the mobile app may take only where its tenant's mobile policy approves it;
   * from the app it also needs an Idempotency-Key and is audited with the device.
   */
  mobileAction?: MobileAction;
  summary: string;
};
