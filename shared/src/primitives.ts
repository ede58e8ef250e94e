import { z } from 'zod';

/**
 * Decimal amounts travel as strings so no JSON number ever rounds a price or quantity.
 * At most 20 integer digits and 18 fraction digits: enough for any venue, bounded for storage.
 */
const DECIMAL_RE = /^-?(0|[1-9]\d{0,19})(\.\d{1,18})?$/;
export const DecimalString = z
  .string()
  .max(40)
  .regex(DECIMAL_RE, 'must be a decimal number written as a string, e.g. "12.50"');
export const NonNegativeDecimal = DecimalString.refine(
  (s) => !s.startsWith('-'),
  'must not be negative',
);
export const PositiveDecimal = NonNegativeDecimal.refine(
  (s) => /[1-9]/.test(s),
  'must be greater than zero',
);

/** Exact comparison of two decimal strings (the DecimalString form): -1, 0 or 1. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const split = (t: string) => {
    const neg = t.startsWith('-');
    const [i = '0', f = ''] = (neg ? t.slice(1) : t).split('.');
    return { neg, i: i.replace(/^0+(?=\d)/, ''), f: f.replace(/0+$/, '') };
  };
  const x = split(a);
  const y = split(b);
  const zero = (v: { i: string; f: string }) => v.i === '0' && v.f === '';
  const xs = zero(x) ? 0 : x.neg ? -1 : 1;
  const ys = zero(y) ? 0 : y.neg ? -1 : 1;
  if (xs !== ys) return xs < ys ? -1 : 1;
  if (xs === 0) return 0;
  let c: -1 | 0 | 1 = 0;
  if (x.i.length !== y.i.length) c = x.i.length < y.i.length ? -1 : 1;
  else if (x.i !== y.i) c = x.i < y.i ? -1 : 1;
  else {
    const n = Math.max(x.f.length, y.f.length);
    const xf = x.f.padEnd(n, '0');
    const yf = y.f.padEnd(n, '0');
    if (xf !== yf) c = xf < yf ? -1 : 1;
  }
  return xs < 0 ? ((-c || 0) as -1 | 0 | 1) : c;
}

/**
 * Moves a decimal string's point by `places` (positive: x10^places), exactly, on the digits.
 * Text that is not a plain decimal comes back unchanged, for the schema to refuse.
 */
export function shiftDecimal(text: string, places: number): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return text;
  const [, neg = '', int = '', frac = ''] = m;
  let digits = int + frac;
  let point = int.length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const i = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const f = digits.slice(point).replace(/0+$/, '');
  const out = f ? `${i}.${f}` : i;
  return out === '0' ? '0' : `${neg}${out}`;
}

/** "0.2" (a limit as the wire holds it) as "20" (the percentage people enter and read). */
export const fractionToPercent = (fraction: string): string => shiftDecimal(fraction, 2);
/** "20" (a percentage) as "0.2" (the fraction the wire holds). */
export const percentToFraction = (percent: string): string => shiftDecimal(percent, -2);

/** A positive decimal at most `max` (exact), e.g. a fraction of 1. */
export const PositiveDecimalAtMost = (max: string, message: string) =>
  PositiveDecimal.refine((s) => compareDecimal(s, max) <= 0, message);

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_:.-]+$/);
export const Uuid = z.uuid();
export const TenantId = Id;
export const UserId = Id;
export const ProfileId = Id;
export const Symbol = z
  .string()
  .min(3)
  .max(20)
  .regex(/^[A-Z0-9]{1,10}-[A-Z0-9]{2,8}$/, 'must look like BTC-USD');
/** ISO-8601 UTC timestamp with milliseconds, as produced by Date.prototype.toISOString. */
export const Timestamp = z.iso.datetime({ offset: false });
/**
 * Text a person typed. NUL and the other control characters are refused at the edge (with a
 * field error) rather than left for the database to choke on: PostgreSQL refuses U+0000 in text.
 * `freeText` allows tab and line breaks; `lineText` (names, labels, ids from clients) allows none.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FREE_TEXT_RE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/;
// eslint-disable-next-line no-control-regex -- as above
const LINE_TEXT_RE = /^[^\u0000-\u001F\u007F-\u009F\u2028\u2029]*$/;
export const freeText = () => z.string().regex(FREE_TEXT_RE, 'must not contain control characters');
export const lineText = () =>
  z.string().regex(LINE_TEXT_RE, 'must be one line without control characters');
export const Reason = freeText().trim().min(3).max(500);
export const RequestId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/);

/**
 * Who someone is to the product. `operator`: the product's own staff (product-wide controls, every
 * tenant, always audited). `tenant_admin`: administers one customer organisation (its users,
 * profiles, tenant-level pause and halt, its audit). `user`: trades on their own profiles.
 */
export const Role = z.enum(['operator', 'tenant_admin', 'user']);
export type Role = z.infer<typeof Role>;
export const isOperator = (role: Role): boolean => role === 'operator';
/** Operators and tenant admins: the roles that see the Admin Panel. */
export const isAdminRole = (role: Role): boolean => role === 'operator' || role === 'tenant_admin';

export const Side = z.enum(['BUY', 'SELL']);
export type Side = z.infer<typeof Side>;

export const Timeframe = z.enum(['1m', '5m', '15m', '1h', '4h', '1d']);
export type Timeframe = z.infer<typeof Timeframe>;
export const TIMEFRAME_MS: Record<Timeframe, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

/** Cursor pagination: the cursor is opaque to clients. */
export const Cursor = lineText().max(200);
export const PageQuery = z.strictObject({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const page = <T extends z.ZodType>(item: T) =>
  z.strictObject({ items: z.array(item), nextCursor: z.string().max(200).nullable() });
export type Page<T> = { items: T[]; nextCursor: string | null };
