import {
  delimiterOf,
  fields,
  headerLayout,
  type Layout,
  parseNumberAt,
  positionalLayout,
} from './candle-csv-fields.js';
import { parseTimestampAt, type TimestampForm, timestampFormAt } from './timestamps.js';

export { parseNumberAt } from './candle-csv-fields.js';
export type { TimestampForm } from './timestamps.js';

/**
 * Candle CSV parsing, in one pass over the text without splitting it into line or field arrays
 * (that and a regular expression per value made parsing cost as much as the backtest). It takes
 * the file in chunks as they arrive (`CandleCsvParser.push`), so an upload is parsed while it is
 * still being received and never held whole as one string.
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
  /** How the first kept row wrote its time (null when no row was kept). */
  readonly timeForm: TimestampForm | null;
  /** Lines read, blank ones and the header included. */
  readonly lines: number;
  /** Bad rows, at most `maxIssues` listed; `errorCount` counts them all. */
  readonly errors: CsvIssue[];
  readonly errorCount: number;
  /** Rows repeating the previous row's time (not kept), at most `maxIssues` listed. */
  readonly duplicates: CsvIssue[];
  readonly duplicateCount: number;
  /** Holes in the series (only when `intervalMs` was given), at most `maxIssues` listed. */
  readonly gaps: CsvGap[];
  readonly gapCount: number;
  /** Candles missing over all gaps. */
  readonly missing: number;
}

export interface ParseCandleCsvOptions {
  /** The candles' interval: gaps are reported only when it is given. */
  readonly intervalMs?: number;
  /** How many errors, duplicates and gaps to list (all are counted). Default 100. */
  readonly maxIssues?: number;
}

const COLUMNS = 6;

/**
 * A CSV parser fed in chunks: `push` each piece of text as it arrives (any split, even inside a
 * line), then `finish`. Never throws: what is wrong comes back as issues with line numbers.
 */
export class CandleCsvParser {
  private readonly maxIssues: number;
  private readonly step: number;
  private carry = '';
  private cap = 0;
  private n = 0;
  private cols: Float64Array[] = [];
  private layout: Layout | null = null;
  private header = false;
  private timeForm: TimestampForm | null = null;
  private stopped = false;
  private prev = -Infinity;
  private lineNo = 0;
  private b = new Int32Array(64);
  private readonly vals = new Float64Array(COLUMNS);
  private readonly errors: CsvIssue[] = [];
  private readonly duplicates: CsvIssue[] = [];
  private readonly gaps: CsvGap[] = [];
  private errorCount = 0;
  private duplicateCount = 0;
  private gapCount = 0;
  private missing = 0;

  constructor(opts: ParseCandleCsvOptions = {}) {
    this.maxIssues = opts.maxIssues ?? 100;
    this.step = opts.intervalMs ?? 0;
  }

  /** Candles kept so far. */
  get rows(): number {
    return this.n;
  }

  push(chunk: string): void {
    const text = this.carry.length > 0 ? this.carry + chunk : chunk;
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      this.carry = text;
      return;
    }
    this.carry = text.slice(last + 1);
    this.lines(text, last);
  }

  finish(): ParsedCandleCsv {
    if (this.carry.length > 0) {
      const text = `${this.carry}\n`;
      this.carry = '';
      this.lines(text, text.length - 1);
    }
    const n = this.n;
    const cut = (a: Float64Array | undefined) =>
      a === undefined || n === 0 ? new Float64Array(0) : n < a.length ? a.slice(0, n) : a;
    const [time, open, high, low, close, volume] = this.cols;
    this.cols = [];
    return {
      rows: n,
      time: cut(time),
      open: cut(open),
      high: cut(high),
      low: cut(low),
      close: cut(close),
      volume: cut(volume),
      header: this.header,
      timeForm: this.timeForm,
      lines: this.lineNo,
      errors: this.errors,
      errorCount: this.errorCount,
      duplicates: this.duplicates,
      duplicateCount: this.duplicateCount,
      gaps: this.gaps,
      gapCount: this.gapCount,
      missing: this.missing,
    };
  }

  private bad(line: number, message: string): void {
    if (this.errorCount++ < this.maxIssues) this.errors.push({ line, message });
  }

  /** Room for `more` rows: sized exactly for a whole file, doubled while streaming. */
  private reserve(more: number): void {
    const need = this.n + more;
    if (need <= this.cap) return;
    const cap = this.cap === 0 ? need : Math.max(need, this.cap * 2);
    this.cols = Array.from({ length: COLUMNS }, (_, k) => {
      const a = new Float64Array(cap);
      const old = this.cols[k];
      if (old) a.set(old.subarray(0, this.n));
      return a;
    });
    this.cap = cap;
  }

  /** The first non-blank line: a header, or the first data row that fixes the layout. */
  private firstLine(text: string, pos: number, to: number): boolean {
    const first = text.slice(pos, to);
    const delim = delimiterOf(first);
    const names = first.split(String.fromCharCode(delim));
    if (names.length * 2 > this.b.length) this.b = new Int32Array(names.length * 2);
    const b = this.b;
    const nf = fields(text, { from: pos, to, delim, b });
    let numeric = nf >= 5 && !Number.isNaN(parseTimestampAt(text, b[0] ?? 0, b[1] ?? 0));
    for (let k = 1; numeric && k < Math.min(nf, 5); k++)
      numeric = !Number.isNaN(parseNumberAt(text, b[2 * k] ?? 0, b[2 * k + 1] ?? 0));
    if (numeric) {
      this.layout = positionalLayout(delim, nf);
      return false;
    }
    const l = headerLayout(names, delim);
    if (typeof l === 'string') {
      this.bad(this.lineNo, l);
      this.stopped = true;
    } else {
      this.layout = l;
      this.header = true;
    }
    return true;
  }

  /** Parses every line of `text` ending at or before `last` (which is a '\n'). */
  private lines(text: string, last: number): void {
    if (this.stopped) return;
    let count = 0;
    for (let p = text.indexOf('\n'); p >= 0 && p <= last; p = text.indexOf('\n', p + 1)) count++;
    this.reserve(count);
    const [time, open, high, low, close, volume] = this.cols as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    const vals = this.vals;
    const step = this.step;
    const maxIssues = this.maxIssues;
    let n = this.n;
    let prev = this.prev;
    let lineNo = this.lineNo;
    for (let pos = 0; pos <= last;) {
      const end = text.indexOf('\n', pos);
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
      if (this.layout === null) {
        this.lineNo = lineNo;
        if (this.firstLine(text, pos, to)) {
          if (this.stopped) break;
          pos = next;
          continue;
        }
      }
      const layout = this.layout as Layout;
      const b = this.b;
      const nf = fields(text, { from: pos, to, delim: layout.delim, b });
      vals.fill(NaN);
      vals[5] = 0;
      let seen = 0;
      let ta = 0;
      let tz = 0;
      const cols = layout.cols;
      for (let k = 0; k < nf && k < cols.length; k++) {
        const col = cols[k] ?? -1;
        if (col < 0) continue;
        const a = b[2 * k] ?? 0;
        const z = b[2 * k + 1] ?? 0;
        if (col === 0) {
          ta = a;
          tz = z;
          vals[0] = parseTimestampAt(text, a, z);
        } else vals[col] = parseNumberAt(text, a, z);
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
        this.bad(lineNo, `expected at least 5 values (time, open, high, low, close), found ${nf}`);
        continue;
      }
      if (Number.isNaN(t)) {
        this.bad(lineNo, 'timestamp is not epoch seconds, epoch milliseconds or ISO 8601');
        continue;
      }
      if (!(o > 0 && h > 0 && l > 0 && c > 0 && v >= 0) || !Number.isFinite(h + v)) {
        this.bad(lineNo, 'prices must be numbers above 0 and volume a number of at least 0');
        continue;
      }
      if (h < l || h < o || h < c || l > o || l > c) {
        this.bad(lineNo, 'high must be the highest and low the lowest of open, high, low, close');
        continue;
      }
      if (t === prev) {
        if (this.duplicateCount++ < maxIssues)
          this.duplicates.push({ line: lineNo, message: `repeats ${new Date(t).toISOString()}` });
        continue;
      }
      if (t < prev) {
        this.bad(lineNo, 'timestamps must increase (this row is earlier than the one before)');
        continue;
      }
      if (step > 0 && n > 0 && t - prev > step) {
        const missing = Math.ceil((t - prev) / step) - 1;
        this.missing += missing;
        if (this.gapCount++ < maxIssues) this.gaps.push({ after: prev, before: t, missing });
      }
      if (n === 0) this.timeForm = timestampFormAt(text, ta, tz);
      prev = t;
      time[n] = t;
      open[n] = o;
      high[n] = h;
      low[n] = l;
      close[n] = c;
      volume[n] = v;
      n++;
    }
    this.n = n;
    this.prev = prev;
    this.lineNo = lineNo;
  }
}

/** Parses a whole candle CSV at once. Never throws: see `CandleCsvParser`. */
export function parseCandleCsv(text: string, opts: ParseCandleCsvOptions = {}): ParsedCandleCsv {
  const p = new CandleCsvParser(opts);
  p.push(text);
  return p.finish();
}
