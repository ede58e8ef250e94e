import { z } from 'zod';
import { Timestamp } from '../primitives.js';

export const HealthCheck = z.strictObject({
  name: z.string().min(1).max(64),
  ok: z.boolean(),
  detail: z.string().max(300).optional(),
});

export const HealthResponse = z.strictObject({
  status: z.enum(['ok', 'degraded', 'fail']),
  service: z.string().min(1).max(64),
  version: z.string().max(32),
  time: Timestamp,
  checks: z.array(HealthCheck),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
