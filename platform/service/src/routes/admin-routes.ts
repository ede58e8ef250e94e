import {
  CreateTenantBody,
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
import { actorOf, requireAdmin } from './guard.js';

export function registerAdminRoutes(app: FastifyInstance, platform: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/admin/tenants',
    { schema: { response: { 200: z.strictObject({ items: z.array(Tenant) }) } } },
    async (req) => {
      await requireAdmin(platform, req);
      return { items: await platform.directory.listTenants() };
    },
  );

  r.post(
    '/admin/tenants',
    { schema: { body: CreateTenantBody, response: { 201: Tenant } } },
    async (req, reply) => {
      const p = await requireAdmin(platform, req);
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
      await requireAdmin(platform, req);
      return { items: await platform.directory.listUsers({ tenantId: req.query.tenantId }) };
    },
  );

  r.post(
    '/admin/users',
    { schema: { body: CreateUserBody, response: { 201: PlatformUser } } },
    async (req, reply) => {
      const p = await requireAdmin(platform, req);
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
      await requireAdmin(platform, req);
      return { items: await auditRepo.list(platform.db, req.query) };
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
      const p = await requireAdmin(platform, req);
      return platform.rotateKeys({ actor: actorOf(p), requestId: req.id });
    },
  );
}
