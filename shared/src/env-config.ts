import { z } from 'zod';

/** Environment values are strings; these read them into typed values with a clear expectation. */
export const envBoolean = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
    .default(defaultValue ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envInt = (defaultValue: number, min: number, max: number) =>
  z.coerce
    .number({ message: `expected an integer between ${min} and ${max}` })
    .int(`expected an integer between ${min} and ${max}`)
    .min(min, `expected an integer between ${min} and ${max}`)
    .max(max, `expected an integer between ${min} and ${max}`)
    .default(defaultValue);

export const envUrl = (protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      `expected a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    );

/** Empty strings count as unset: `.env` files often carry `KEY=` for "not configured". */
export const optionalEnv = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const envList = () =>
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );

export class ConfigError extends Error {
  constructor(readonly issues: { key: string; message: string }[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i.key}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses every key at once so the operator sees all offending keys in one message. */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  source: Record<string, string | undefined>,
): z.infer<T> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((i) => ({ key: i.path.join('.') || '(env)', message: i.message })),
  );
}

/**
 * For a process entry point: a bad config prints one readable message (no stack) and exits 2,
 * the code runbooks treat as "fix the configuration, do not restart in a loop".
 */
export function loadEnvOrExit<T extends z.ZodType>(
  schema: T,
  source: Record<string, string | undefined>,
  processName: string,
): z.infer<T> {
  try {
    return parseEnv(schema, source);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${processName}: ${e.message}\nSee .env.example for every variable.\n`);
      process.exit(2);
    }
    throw e;
  }
}
