import { z } from 'zod';

/**
 * What the crash tests' child process is started with, as one JSON argument: its store, its
 * clock's start, and how it reaches its venue (over IPC from the parent, or the local exchange
 * over HTTP with one account's keys). Parsed, never read from the environment.
 */
export const CrashChildConfig = z.strictObject({
  dataDir: z.string().min(1),
  startTime: z.number().int().nonnegative(),
  databaseUrl: z.string().url().optional(),
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .optional(),
  venue: z
    .strictObject({ url: z.string().url(), apiKey: z.string().min(1), secret: z.string().min(1) })
    .optional(),
});
export type CrashChildConfig = z.infer<typeof CrashChildConfig>;
