import { z } from 'zod';
import { Id, Timestamp } from '../primitives.js';

export const AlertSeverity = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

export const Alert = z.strictObject({
  id: Id,
  tenantId: Id.nullable(),
  profileId: Id.nullable(),
  severity: AlertSeverity,
  code: z.string().min(1).max(64),
  message: z.string().min(1).max(500),
  acknowledged: z.boolean(),
  createdAt: Timestamp,
});
export type Alert = z.infer<typeof Alert>;
