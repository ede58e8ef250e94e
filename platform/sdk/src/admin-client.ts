import {
  PlatformAuditEvent,
  PlatformUser,
  ProductStatus,
  Tenant,
  type PlatformAuditAction,
  type ProductStatusUpdateBody,
  type SetDisabledBody,
} from '@bytelyst/trading-contracts';
import { z } from 'zod';
import { platformRequest } from './http.js';
import type { PlatformClient } from './platform-client.js';

const Tenants = z.strictObject({ items: z.array(Tenant) });
const Users = z.strictObject({ items: z.array(PlatformUser) });
const AuditItems = z.strictObject({ items: z.array(PlatformAuditEvent) });

/**
 * The platform's admin routes for a signed-in operator or tenant admin. Calls go through the
 * client's authorizedFetch (bearer token, request id, one refresh on 401); the platform decides
 * who may do what, this only speaks its contract.
 */
export interface PlatformAdmin {
  listTenants: () => Promise<Tenant[]>;
  /** A tenant admin always gets their own tenant's users, whatever `tenantId` says. */
  listUsers: (query?: { tenantId?: string }) => Promise<PlatformUser[]>;
  setTenantDisabled: (id: string, body: SetDisabledBody) => Promise<Tenant>;
  setUserDisabled: (id: string, body: SetDisabledBody) => Promise<PlatformUser>;
  /** The product kill switch and maintenance window (operators only); `reason` is audited. */
  setProductStatus: (body: ProductStatusUpdateBody) => Promise<ProductStatus>;
  listAudit: (query?: {
    action?: PlatformAuditAction;
    limit?: number;
  }) => Promise<PlatformAuditEvent[]>;
}

export function createPlatformAdmin(
  client: Pick<PlatformClient, 'baseUrl' | 'productId' | 'authorizedFetch'>,
): PlatformAdmin {
  const fetch = client.authorizedFetch;
  const url = (path: string, query: Record<string, string | number | undefined> = {}) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
    const s = qs.toString();
    return `${client.baseUrl}${path}${s ? `?${s}` : ''}`;
  };
  const seg = encodeURIComponent;
  return {
    listTenants: async () =>
      (await platformRequest({ fetch, url: url('/admin/tenants'), schema: Tenants })).items,
    listUsers: async (query = {}) =>
      (await platformRequest({ fetch, url: url('/admin/users', query), schema: Users })).items,
    setTenantDisabled: (id, body) =>
      platformRequest({
        fetch,
        url: url(`/admin/tenants/${seg(id)}/disabled`),
        method: 'PUT',
        body,
        schema: Tenant,
      }),
    setUserDisabled: (id, body) =>
      platformRequest({
        fetch,
        url: url(`/admin/users/${seg(id)}/disabled`),
        method: 'PUT',
        body,
        schema: PlatformUser,
      }),
    setProductStatus: (body) =>
      platformRequest({
        fetch,
        url: url(`/products/${seg(client.productId)}/status`),
        method: 'PUT',
        body,
        schema: ProductStatus,
      }),
    listAudit: async (query = {}) =>
      (await platformRequest({ fetch, url: url('/admin/audit', query), schema: AuditItems })).items,
  };
}
