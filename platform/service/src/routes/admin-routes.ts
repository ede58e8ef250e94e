import {
  AppError,
  CreateTenantBody,
  Id,
  SetDisabledBody,
  CreateUserBody,
  PlatformAuditEvent,
  PlatformAuditQuery,
  PlatformUser,
  Tenant,
} from '@bytelyst/trading-contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditRepo } from '../storage/audit-repo.js';
import type { Platform } from '../services/platform.js';
import { actorOf, requireOperator, requireTenantAdmin } from './guard.js';

export function registerAdminRoutes(app: FastifyInstance, platform: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/admin/tenants',
    { schema: { response: { 200: z.strictObject({ items: z.array(Tenant) }) } } },
    async (req) => {
      await requireOperator(platform, req);
      return { items: await platform.directory.listTenants() };
    },
  );

  r.post(
    '/admin/tenants',
    { schema: { body: CreateTenantBody, response: { 201: Tenant } } },
    async (req, reply) => {
      const p = await requireOperator(platform, req);
      const tenant = await platform.directory.createTenant({
        ...req.body,
        actor: actorOf(p),
        requestId: req.id,
      });
      return reply.status(201).send(tenant);
    },
  );

  r.get(
    '/admin/users',
    {
      schema: {
        querystring: z.strictObject({ tenantId: z.string().min(1).max(64).optional() }),
        response: { 200: z.strictObject({ items: z.array(PlatformUser) }) },
      },
    },
    async (req) => {
      const { tenantId } = await requireTenantAdmin(platform, req);
      // A tenant admin lists their own tenant whatever they ask for.
      return {
        items: await platform.directory.listUsers({ tenantId: tenantId ?? req.query.tenantId }),
      };
    },
  );

  r.post(
    '/admin/users',
    { schema: { body: CreateUserBody, response: { 201: PlatformUser } } },
    async (req, reply) => {
      const { principal: p, tenantId } = await requireTenantAdmin(platform, req);
      // Tenant admins add people to their own tenant, as users or fellow tenant admins.
      if (tenantId !== null && (req.body.tenantId !== tenantId || req.body.role === 'operator'))
        throw new AppError('FORBIDDEN', 'Tenant admins create users of their own tenant only.');
      const user = await platform.directory.createUser({
        ...req.body,
        actor: actorOf(p),
        requestId: req.id,
      });
      return reply.status(201).send(user);
    },
  );

  r.get(
    '/admin/audit',
    {
      schema: {
        querystring: PlatformAuditQuery,
        response: { 200: z.strictObject({ items: z.array(PlatformAuditEvent) }) },
      },
    },
    async (req) => {
      const { tenantId } = await requireTenantAdmin(platform, req);
      const items = await auditRepo.list(platform.db, { ...req.query, tenantId });
      return { items };
    },
  );

  r.post(
    '/admin/keys/rotate',
    {
      schema: {
        response: { 200: z.strictObject({ kid: z.string(), retired: z.array(z.string()) }) },
      },
    },
    async (req) => {
      const p = await requireOperator(platform, req);
      return platform.rotateKeys({ actor: actorOf(p), requestId: req.id });
    },
  );

  r.put(
    '/admin/tenants/:id/disabled',
    { schema: { params: IdParams, body: SetDisabledBody, response: { 200: Tenant } } },
    async (req) => {
      const p = await requireOperator(platform, req);
      return platform.directory.setTenantDisabled({
        id: req.params.id,
        ...req.body,
        actor: actorOf(p),
        requestId: req.id,
      });
    },
  );

  r.put(
    '/admin/users/:id/disabled',
    { schema: { params: IdParams, body: SetDisabledBody, response: { 200: PlatformUser } } },
    async (req) => {
      const { principal: p, tenantId } = await requireTenantAdmin(platform, req);
      if (p.kind === 'user' && p.claims.sub === req.params.id)
        throw new AppError('FORBIDDEN', 'You cannot disable yourself.');
      return platform.directory.setUserDisabled({
        id: req.params.id,
        ...req.body,
        tenantId,
        actor: actorOf(p),
        requestId: req.id,
      });
    },
  );
}

const IdParams = z.strictObject({ id: Id });
