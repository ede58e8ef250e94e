import { parseTimestampAt } from './timestamps.js';

/**
 * Candle CSV parsing, in one pass over the text without splitting it into line or field arrays
 * (that and a regular expression per value made parsing cost as much as the backtest).
 *
 * Columns: a header row is detected (its first value is not a timestamp or a later one is not a
 * number) and then names the columns, in any order (time|timestamp|date|datetime|open_time|ts,
 * open|o, high|h, low|l, close|c, volume|vol|v; volume optional, other columns ignored);
 * without a header the columns are timestamp, open, high, low, close[, volume]. The delimiter is
 * the first of `,` `;` or tab found on the first line. Timestamps: see `timestamps.ts` (no zone
 * means UTC). Rows must be in time order: a row with the previous row's time is a duplicate
 * (reported, not kept), an earlier time is a bad row.
 */

export interface CsvIssue {
  /** 1-based line number in the file (the header is line 1 when there is one). */
  readonly line: number;
  readonly message: string;
}

export interface CsvGap {
  /** Open time of the candle before the gap and of the one after it (epoch ms). */
  readonly after: number;
  readonly before: number;
  /** Candles missing between them at the file's timeframe. */
  readonly missing: number;
}

export interface ParsedCandleCsv {
  readonly rows: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly header: boolean;
  /** Bad rows, at most `maxIssues` listed; `errorCount` counts them all. */
  readonly errors: CsvIssue[];
  readonly errorCount: number;
  /** Rows repeating the previous row's time (not kept), at most `maxIssues` listed. */
  readonly duplicates: CsvIssue[];
  readonly duplicateCount: number;
  /** Holes in the series (only when `intervalMs` was given), at most `maxIssues` listed. */
  readonly gaps: CsvGap[];
  readonly gapCount: number;
}

export interface ParseCandleCsvOptions {
  /** The candles' interval: gaps are reported only when it is given. */
  readonly intervalMs?: number;
  /** How many errors, duplicates and gaps to list (all are counted). Default 100. */
  readonly maxIssues?: number;
}

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
type Column = 0 | 1 | 2 | 3 | 4 | 5;
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

interface Layout {
  readonly delim: string;
  readonly cols: Int8Array;
  readonly width: number;
}

function delimiterOf(line: string): string {
  if (line.includes(',')) return ',';
  if (line.includes(';')) return ';';
  if (line.includes('\t')) return '\t';
  return ',';
}

/** Field bounds of one line, trimmed of spaces and quotes, written into `b` (start, end pairs). */
function fields(text: string, o: { from: number; to: number; delim: string; b: Int32Array }) {
  let n = 0;
  let s = o.from;
  const max = o.b.length / 2;
  while (n < max) {
    let e = text.indexOf(o.delim, s);
    if (e < 0 || e > o.to) e = o.to;
    let a = s;
    let z = e;
    while (a < z && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 34)) a++;
    while (z > a && (text.charCodeAt(z - 1) === 32 || text.charCodeAt(z - 1) === 34)) z--;
    o.b[2 * n] = a;
    o.b[2 * n + 1] = z;
    n++;
    if (e === o.to) break;
    s = e + 1;
  }
  return n;
}

function headerLayout(names: string[], delim: string): Layout | string {
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
  return { delim, cols, width: names.length };
}

const empty = (): Float64Array => new Float64Array(0);

/** Parses a candle CSV. Never throws: what is wrong comes back as issues with line numbers. */
export function parseCandleCsv(text: string, opts: ParseCandleCsvOptions = {}): ParsedCandleCsv {
  const maxIssues = opts.maxIssues ?? 100;
  let cap = 1;
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) cap++;
  const time = new Float64Array(cap);
  const open = new Float64Array(cap);
  const high = new Float64Array(cap);
  const low = new Float64Array(cap);
  const close = new Float64Array(cap);
  const volume = new Float64Array(cap);
  const out = [time, open, high, low, close, volume] as const;
  const errors: CsvIssue[] = [];
  const duplicates: CsvIssue[] = [];
  const gaps: CsvGap[] = [];
  let errorCount = 0;
  let duplicateCount = 0;
  let gapCount = 0;
  const bad = (line: number, message: string) => {
    if (errorCount++ < maxIssues) errors.push({ line, message });
  };
  let layout: Layout | null = null;
  let header = false;
  let n = 0;
  let prev = -Infinity;
  let lineNo = 0;
  let b = new Int32Array(64);
  const vals = new Float64Array(6);
  for (let pos = 0; pos <= text.length;) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const next = end + 1;
    lineNo++;
    let to = end;
    if (to > pos && text.charCodeAt(to - 1) === 13) to--;
    let blank = true;
    for (let k = pos; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c !== 32 && c !== 9) {
        blank = false;
        break;
      }
    }
    if (blank) {
      pos = next;
      continue;
    }
    if (layout === null) {
      const first = text.slice(pos, to);
      const delim = delimiterOf(first);
      const names = first.split(delim);
      if (names.length * 2 > b.length) b = new Int32Array(names.length * 2);
      const nf = fields(text, { from: pos, to, delim, b });
      let numeric = nf >= 5 && !Number.isNaN(parseTimestampAt(text, b[0] ?? 0, b[1] ?? 0));
      for (let k = 1; numeric && k < Math.min(nf, 5); k++)
        numeric = !Number.isNaN(parseNumberAt(text, b[2 * k] ?? 0, b[2 * k + 1] ?? 0));
      if (!numeric) {
        const l = headerLayout(names, delim);
        if (typeof l === 'string') {
          bad(lineNo, l);
          break;
        }
        layout = l;
        header = true;
        pos = next;
        continue;
      }
      const cols = new Int8Array(Math.max(nf, 6)).fill(-1);
      for (let k = 0; k < 6; k++) cols[k] = k;
      layout = { delim, cols, width: 6 };
    }
    const nf = fields(text, { from: pos, to, delim: layout.delim, b });
    vals.fill(NaN);
    vals[5] = 0;
    let seen = 0;
    for (let k = 0; k < nf && k < layout.cols.length; k++) {
      const col = layout.cols[k] ?? -1;
      if (col < 0) continue;
      const a = b[2 * k] ?? 0;
      const z = b[2 * k + 1] ?? 0;
      vals[col] = col === 0 ? parseTimestampAt(text, a, z) : parseNumberAt(text, a, z);
      seen++;
    }
    pos = next;
    const t = vals[0] ?? NaN;
    const o = vals[1] ?? NaN;
    const h = vals[2] ?? NaN;
    const l = vals[3] ?? NaN;
    const c = vals[4] ?? NaN;
    const v = vals[5] ?? NaN;
    if (seen < 5) {
      bad(lineNo, `expected at least 5 values (time, open, high, low, close), found ${nf}`);
      continue;
    }
    if (Number.isNaN(t)) {
      bad(lineNo, 'timestamp is not epoch seconds, epoch milliseconds or ISO 8601');
      continue;
    }
    if (!(o > 0 && h > 0 && l > 0 && c > 0 && v >= 0) || !Number.isFinite(h + v)) {
      bad(lineNo, 'prices must be numbers above 0 and volume a number of at least 0');
      continue;
    }
    if (h < l || h < o || h < c || l > o || l > c) {
      bad(lineNo, 'high must be the highest and low the lowest of open, high, low, close');
      continue;
    }
    if (t === prev) {
      if (duplicateCount++ < maxIssues)
        duplicates.push({ line: lineNo, message: `repeats ${new Date(t).toISOString()}` });
      continue;
    }
    if (t < prev) {
      bad(lineNo, 'timestamps must increase (this row is earlier than the one before)');
      continue;
    }
    const step = opts.intervalMs ?? 0;
    if (step > 0 && n > 0 && t - prev > step) {
      if (gapCount++ < maxIssues)
        gaps.push({ after: prev, before: t, missing: Math.ceil((t - prev) / step) - 1 });
    }
    prev = t;
    time[n] = t;
    open[n] = o;
    high[n] = h;
    low[n] = l;
    close[n] = c;
    volume[n] = v;
    n++;
  }
  const [t, o, h, l, c, v] = out.map((a) => (n === 0 ? empty() : n < cap ? a.slice(0, n) : a));
  return {
    rows: n,
    time: t ?? empty(),
    open: o ?? empty(),
    high: h ?? empty(),
    low: l ?? empty(),
    close: c ?? empty(),
    volume: v ?? empty(),
    header,
    errors,
    errorCount,
    duplicates,
    duplicateCount,
    gaps,
    gapCount,
  };
}
