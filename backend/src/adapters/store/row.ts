import { AppError } from '@bytelyst/trading-contracts';

/**
 * Column readers that make PGlite and node-postgres agree: PGlite returns int8 and count(*) as
 * numbers, node-postgres as strings; both return NUMERIC as a string (kept exact, never parsed
 * to a number) and timestamptz as a Date.
 */
const bad = (what: string, v: unknown): never => {
  throw new AppError('INTERNAL', `unexpected ${what} from storage: ${typeof v}`);
};

export const str = (v: unknown): string => (typeof v === 'string' ? v : bad('text', v));
export const strOrNull = (v: unknown): string | null => (v === null ? null : str(v));

export const dec = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'bigint'
      ? String(v)
      : bad('numeric', v);
export const decOrNull = (v: unknown): string | null => (v === null ? null : dec(v));

export const int = (v: unknown): number => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' || typeof v === 'bigint') {
    const n = Number(v);
    if (Number.isSafeInteger(n)) return n;
  }
  return bad('integer', v);
};

export const bool = (v: unknown): boolean => (typeof v === 'boolean' ? v : bad('boolean', v));

export const iso = (v: unknown): string => {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string') return new Date(v).toISOString();
  return bad('timestamp', v);
};
export const isoOrNull = (v: unknown): string | null => (v === null ? null : iso(v));

/** jsonb comes back parsed on both drivers; the column's CHECKs and our writers fix its shape. */
export const json = <T>(v: unknown): T => v as T;

/**
 * JSON text for a jsonb parameter (node-postgres would turn a JS array into a PostgreSQL array).
 * JSON null is written as jsonb 'null', which both drivers read back as null.
 */
export const jsonParam = (v: unknown): string => JSON.stringify(v === undefined ? null : v);
