/** The per-field pieces of the candle CSV parser (`candle-csv.ts`): numbers, delimiter, header. */

const COLUMN_NAMES: Record<string, Column> = {
  time: 0,
  timestamp: 0,
  date: 0,
  datetime: 0,
  open_time: 0,
  opentime: 0,
  ts: 0,
  t: 0,
  open: 1,
  o: 1,
  high: 2,
  h: 2,
  low: 3,
  l: 3,
  close: 4,
  c: 4,
  volume: 5,
  vol: 5,
  v: 5,
};
export type Column = 0 | 1 | 2 | 3 | 4 | 5;
const REQUIRED = ['time', 'open', 'high', 'low', 'close'] as const;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The number at [s, e). Up to 15 significant digits without an exponent take the fast path: an
 * exact integer mantissa divided by an exact power of ten, which IEEE division rounds correctly,
 * so the result is bit-identical to `Number(text)`. Anything else goes to `Number`.
 */
export function parseNumberAt(text: string, s: number, e: number): number {
  let i = s;
  let neg = false;
  const c0 = text.charCodeAt(i);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i++;
  }
  let m = 0;
  let nd = 0;
  let frac = -1;
  for (; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      nd++;
    } else if (c === 46 && frac < 0) frac = i;
    else break;
  }
  if (i === e && nd > 0 && nd <= 15) {
    const v = frac < 0 ? m : m / (POW10[e - frac - 1] ?? 1);
    return neg ? -v : v;
  }
  return e > s ? Number(text.slice(s, e)) : NaN;
}

const latin1 = new TextDecoder('latin1');

/**
 * `parseNumberAt` over bytes [s, e) of an ASCII/UTF-8 buffer: the CSV parser's hot path, with
 * the same fast path (bit-identical to `Number`) and the same fallback.
 */
export function numberAt(u: Uint8Array, s: number, e: number): number {
  let i = s;
  let neg = false;
  const c0 = u[i] ?? 0;
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i++;
  }
  let m = 0;
  let nd = 0;
  let frac = -1;
  for (; i < e; i++) {
    const c = u[i] ?? 0;
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      nd++;
    } else if (c === 46 && frac < 0) frac = i;
    else break;
  }
  if (i === e && nd > 0 && nd <= 15) {
    const v = frac < 0 ? m : m / (POW10[e - frac - 1] ?? 1);
    return neg ? -v : v;
  }
  if (e <= s) return NaN;
  // Short fields (17 significant digits, exponents) as a string without a decoder's overhead.
  return Number(
    e - s <= 64
      ? String.fromCharCode.apply(null, u.subarray(s, e) as unknown as number[])
      : latin1.decode(u.subarray(s, e)),
  );
}

export interface Layout {
  readonly delim: number;
  /** Column of each field (-1: ignored). */
  readonly cols: Int8Array;
}

/** The delimiter of a file: the first of `,` `;` or tab found on its first line. */
export function delimiterOf(line: string): number {
  if (line.includes(',')) return 44;
  if (line.includes(';')) return 59;
  if (line.includes('\t')) return 9;
  return 44;
}

/** The layout a header line names, or what is missing from it. */
export function headerLayout(names: string[], delim: number): Layout | string {
  const cols = new Int8Array(names.length).fill(-1);
  const seen = new Set<Column>();
  names.forEach((raw, i) => {
    const col = COLUMN_NAMES[raw.trim().replace(/^"|"$/g, '').toLowerCase().replace(/\s+/g, '_')];
    if (col !== undefined && !seen.has(col)) {
      cols[i] = col;
      seen.add(col);
    }
  });
  const missing = REQUIRED.filter((_, k) => !seen.has(k as Column));
  if (missing.length > 0) return `header: no ${missing.join(', ')} column`;
  return { delim, cols };
}

/** The layout of a file without a header: time, open, high, low, close[, volume]. */
export function positionalLayout(delim: number, width: number): Layout {
  const cols = new Int8Array(Math.max(width, 6)).fill(-1);
  for (let k = 0; k < 6; k++) cols[k] = k;
  return { delim, cols };
}
