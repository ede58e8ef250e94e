import { z } from 'zod';
import { Id, Role } from '../primitives.js';

export const MeProfile = z.strictObject({
  userId: Id,
  tenantId: Id,
  email: z.email().max(254).nullable(),
  displayName: z.string().max(120).nullable(),
  role: Role,
  /** True when an admin is looking through a customer's eyes. */
  preview: z.boolean(),
});
export type MeProfile = z.infer<typeof MeProfile>;
