import {
  delimiterOf,
  headerLayout,
  type Layout,
  numberAt,
  positionalLayout,
} from './candle-csv-fields.js';
import { timestampAt, type TimestampForm, timestampFormAt } from './timestamps.js';

export { parseNumberAt } from './candle-csv-fields.js';
export type { TimestampForm } from './timestamps.js';

/**
 * Candle CSV parsing over the file's bytes, in one pass per line without splitting it into line
 * or field arrays or decoding it to a string (strings, a regular expression and `Date.parse`
 * per value made parsing cost as much as the backtest; charCodeAt over joined chunks still cost
 * 4 scans per line). It takes the file in chunks as they arrive (`CandleCsvParser.pushBytes`
 * with the upload's own buffers, or `push` with text), so an upload is parsed while it is still
 * being received and never held whole. Nothing is allocated per row.
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
const LF = 10;
const CR = 13;
/** Rows a chunk can hold at most: no data line is shorter than `1,1,1,1,1\n`. */
const MIN_LINE_BYTES = 10;

const utf8 = new TextEncoder();
const text = new TextDecoder();

/** Trimmed around a field: spaces and double quotes. */
const isPad = (c: number | undefined) => c === 32 || c === 34;

/** Whether bytes [from, to) are only spaces, tabs and carriage returns. */
function blankAt(u: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = u[k];
    if (c !== 32 && c !== 9 && c !== CR) return false;
  }
  return true;
}

/**
 * A CSV parser fed in chunks: `pushBytes` (or `push` for text) each piece as it arrives (any
 * split, even inside a line or a UTF-8 character), then `finish`. Never throws: what is wrong
 * comes back as issues with line numbers.
 */
export class CandleCsvParser {
  private readonly maxIssues: number;
  private readonly step: number;
  /** The unfinished last line of the chunks so far (bytes [0, carryLen)). */
  private carry = new Uint8Array(256);
  private carryLen = 0;
  private cap = 0;
  private n = 0;
  private cols: Float64Array[] = [];
  private layout: Layout | null = null;
  private header = false;
  private timeForm: TimestampForm | null = null;
  private stopped = false;
  private prev = -Infinity;
  private lineNo = 0;
  /** Field bounds of the current line: (start, end) pairs. */
  private b = new Int32Array(64);
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

  /** A piece of the file as text (encoded to UTF-8 bytes first). */
  push(chunk: string): void {
    this.pushBytes(utf8.encode(chunk));
  }

  /** A piece of the file as bytes; the parser keeps no reference to `chunk`. */
  pushBytes(chunk: Uint8Array): void {
    if (this.stopped) return;
    let from = 0;
    if (this.carryLen > 0) {
      // Finish the line the last chunk left open, in the carry buffer; the rest is read in place.
      const nl = chunk.indexOf(LF);
      this.keep(chunk, 0, nl < 0 ? chunk.length : nl + 1);
      if (nl < 0) return;
      const line = this.carry.subarray(0, this.carryLen);
      this.carryLen = 0;
      this.lines(line, 0, line.length - 1);
      from = nl + 1;
    }
    const last = chunk.lastIndexOf(LF);
    if (last < from) {
      this.keep(chunk, from, chunk.length);
      return;
    }
    this.lines(chunk, from, last);
    this.keep(chunk, last + 1, chunk.length);
  }

  finish(): ParsedCandleCsv {
    if (this.carryLen > 0 && !this.stopped) {
      this.keep(new Uint8Array([LF]), 0, 1);
      const line = this.carry.subarray(0, this.carryLen);
      this.carryLen = 0;
      this.lines(line, 0, line.length - 1);
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

  /** Appends bytes [from, to) of `chunk` to the carried partial line. */
  private keep(chunk: Uint8Array, from: number, to: number): void {
    const len = to - from;
    if (len <= 0) return;
    if (this.carryLen + len > this.carry.length) {
      const bigger = new Uint8Array(Math.max(this.carry.length * 2, this.carryLen + len));
      bigger.set(this.carry.subarray(0, this.carryLen));
      this.carry = bigger;
    }
    this.carry.set(chunk.subarray(from, to), this.carryLen);
    this.carryLen += len;
  }

  private bad(line: number, message: string): void {
    if (this.errorCount++ < this.maxIssues) this.errors.push({ line, message });
  }

  /** Room for `more` rows: doubled as it grows, so copies cost O(rows) over a whole file. */
  private reserve(more: number): void {
    const need = this.n + more;
    if (need <= this.cap) return;
    const cap = Math.max(need, this.cap * 2);
    this.cols = Array.from({ length: COLUMNS }, (_, k) => {
      const a = new Float64Array(cap);
      const old = this.cols[k];
      if (old) a.set(old.subarray(0, this.n));
      return a;
    });
    this.cap = cap;
  }

  /** The first non-blank line [pos, to): a header (true), or the first data row (false). */
  private firstLine(u: Uint8Array, pos: number, to: number): boolean {
    const first = text.decode(u.subarray(pos, to));
    const delim = delimiterOf(first);
    const names = first.split(String.fromCharCode(delim));
    if (names.length * 2 > this.b.length) this.b = new Int32Array(names.length * 2);
    const b = this.b;
    const nf = this.fields(u, pos, to, delim);
    let numeric = nf >= 5 && !Number.isNaN(timestampAt(u, b[0] ?? 0, b[1] ?? 0));
    for (let k = 1; numeric && k < Math.min(nf, 5); k++)
      numeric = !Number.isNaN(numberAt(u, b[2 * k] ?? 0, b[2 * k + 1] ?? 0));
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

  /**
   * Bounds of the fields of the line [from, to) into `b`, trimmed of spaces and quotes; returns
   * how many fields the line has (those past `b`'s room are counted, not kept).
   */
  private fields(u: Uint8Array, from: number, to: number, delim: number): number {
    const b = this.b;
    const room = b.length >> 1;
    let n = 0;
    let s = from;
    for (let i = from; ; i++) {
      if (i === to || u[i] === delim) {
        if (n < room) {
          let a = s;
          let z = i;
          while (a < z && isPad(u[a])) a++;
          while (z > a && isPad(u[z - 1])) z--;
          b[2 * n] = a;
          b[2 * n + 1] = z;
        }
        n++;
        if (i === to) return n;
        s = i + 1;
      }
    }
  }

  /** Parses every line of `u` from `from` to `last` (a '\n'). */
  private lines(u: Uint8Array, from: number, last: number): void {
    if (this.stopped) return;
    this.reserve(Math.ceil((last + 1 - from) / MIN_LINE_BYTES));
    const [time, open, high, low, close, volume] = this.cols as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    const step = this.step;
    const maxIssues = this.maxIssues;
    let n = this.n;
    let prev = this.prev;
    let lineNo = this.lineNo;
    for (let pos = from; pos <= last;) {
      lineNo++;
      if (this.layout === null) {
        const end = u.indexOf(LF, pos);
        const to = end > pos && u[end - 1] === CR ? end - 1 : end;
        if (!blankAt(u, pos, to)) {
          this.lineNo = lineNo;
          if (this.firstLine(u, pos, to)) {
            if (this.stopped) break;
            pos = end + 1;
            continue;
          }
        } else {
          pos = end + 1;
          continue;
        }
      }
      const layout = this.layout as Layout;
      const b = this.b;
      // One scan of the line: field bounds up to its '\n' (trimmed of spaces and quotes).
      const delim = layout.delim;
      const room = b.length >> 1;
      let nf = 0;
      let s = pos;
      let i = pos;
      for (; ; i++) {
        const ch = u[i];
        if (ch === delim || ch === LF) {
          if (nf < room) {
            let a = s;
            let z = i;
            if (ch === LF && z > a && u[z - 1] === CR) z--;
            while (a < z && isPad(u[a])) a++;
            while (z > a && isPad(u[z - 1])) z--;
            b[2 * nf] = a;
            b[2 * nf + 1] = z;
          }
          nf++;
          if (ch === LF) break;
          s = i + 1;
        }
      }
      const next = i + 1;
      if (nf < 5 && blankAt(u, pos, i)) {
        pos = next;
        continue;
      }
      pos = next;
      let t = NaN;
      let o = NaN;
      let h = NaN;
      let l = NaN;
      let c = NaN;
      let v = 0;
      let seen = 0;
      let ta = 0;
      let tz = 0;
      const cols = layout.cols;
      const width = Math.min(nf, cols.length, b.length >> 1);
      for (let k = 0; k < width; k++) {
        const col = cols[k] ?? -1;
        if (col < 0) continue;
        const a = b[2 * k] ?? 0;
        const z = b[2 * k + 1] ?? 0;
        seen++;
        switch (col) {
          case 0:
            ta = a;
            tz = z;
            t = timestampAt(u, a, z);
            break;
          case 1:
            o = numberAt(u, a, z);
            break;
          case 2:
            h = numberAt(u, a, z);
            break;
          case 3:
            l = numberAt(u, a, z);
            break;
          case 4:
            c = numberAt(u, a, z);
            break;
          default:
            v = numberAt(u, a, z);
        }
      }
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
      if (n === 0) this.timeForm = timestampFormAt(u, ta, tz);
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
