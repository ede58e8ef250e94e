import type { CandleColumns } from '../../ports/candle-store.js';

/**
 * Candles as PostgreSQL COPY text, written as bytes: `String(number)` and `toISOString()` per
 * value cost more than the COPY itself on the server (5 M numbers and 1 M dates took 8-11 s of
 * JavaScript in the 1 M-candle import, against 8.5 s for PostgreSQL to take the whole file).
 *
 * What is written is the same text as before, byte for byte (tested): a price or volume is the
 * shortest decimal that reads back as the same double (`String(v)`), a time is ISO 8601 in UTC
 * with milliseconds and `Z`.
 */

const TAB = 9;
const LF = 10;
const MS_PER_DAY = 86_400_000;
/** Up to this size, a double has at most one decimal of 8 places or fewer (ulp < 5e-9). */
const FAST_BELOW = 2 ** 25;
const SCALE = 1e8;
/** Bytes a row can take beyond its key: a time, five `String(number)`s, tabs and the newline. */
const MAX_ROW_BYTES = 24 + 5 * 25 + 6;

const ascii = new TextEncoder();

/** Civil date of a day number (H. Hinnant's civil_from_days), as `YYYY-MM-DD` bytes. */
function dateBytes(days: number): Uint8Array | null {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  // toISOString writes other years with a sign and six digits: leave those to it.
  if (y < 0 || y > 9999) return null;
  return ascii.encode(
    `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  );
}

/** Writes the `width` low decimal digits of `v` (an integer, 0 <= v < 2^31) ending before `end`. */
function digitsBefore(buf: Uint8Array, end: number, v: number, width: number): void {
  let x = v | 0;
  for (let i = end - 1; i >= end - width; i--) {
    const q = (x / 10) | 0;
    buf[i] = 48 + x - q * 10;
    x = q;
  }
}

/** A writer of COPY lines into byte buffers; keeps the last day's date bytes between rows. */
export class CandleCopyText {
  private day = NaN;
  private date: Uint8Array | null = null;

  /** The time `ms` as `YYYY-MM-DDTHH:MM:SS.mmmZ` at `at`; returns the position after it. */
  time(buf: Uint8Array, at: number, ms: number): number {
    const day = Math.floor(ms / MS_PER_DAY);
    if (day !== this.day) {
      this.day = day;
      this.date = Number.isFinite(day) ? dateBytes(day) : null;
    }
    if (this.date === null) return this.text(buf, at, new Date(ms).toISOString());
    buf.set(this.date, at);
    let t = ms - day * MS_PER_DAY;
    const milli = t % 1000;
    t = (t - milli) / 1000;
    const sec = t % 60;
    t = (t - sec) / 60;
    const min = t % 60;
    const hour = (t - min) / 60;
    buf[at + 10] = 84; // T
    digitsBefore(buf, at + 13, hour, 2);
    buf[at + 13] = 58; // :
    digitsBefore(buf, at + 16, min, 2);
    buf[at + 16] = 58;
    digitsBefore(buf, at + 19, sec, 2);
    buf[at + 19] = 46; // .
    digitsBefore(buf, at + 23, milli, 3);
    buf[at + 23] = 90; // Z
    return at + 24;
  }

  /**
   * `String(v)` at `at`; returns the position after it. A value under 2^25 with at most 8
   * decimals is written from its integer digits: no other decimal of 8 places or fewer reads back
   * as that double there, so it is the one `String` finds (the shortest), digit for digit.
   */
  number(buf: Uint8Array, at: number, v: number): number {
    if (v >= 0 && v < FAST_BELOW) {
      const m = Math.round(v * SCALE);
      if (m / SCALE === v) {
        let ip = Math.floor(m / SCALE);
        let fp = m - ip * SCALE;
        if (fp < 0) {
          ip--;
          fp += SCALE;
        } else if (fp >= SCALE) {
          ip++;
          fp -= SCALE;
        }
        let width = 1;
        for (let p = 10; p <= ip; p *= 10) width++;
        digitsBefore(buf, at + width, ip, width);
        let end = at + width;
        if (fp > 0) {
          buf[end] = 46;
          digitsBefore(buf, end + 9, fp, 8);
          end += 9;
          while (buf[end - 1] === 48) end--;
        }
        return end;
      }
    }
    return this.text(buf, at, String(v));
  }

  private text(buf: Uint8Array, at: number, s: string): number {
    return at + ascii.encodeInto(s, buf.subarray(at)).written;
  }
}

/**
 * COPY text lines of the candles (`prefix` is the series key, escaped, with its trailing tab),
 * `rows` at a time, each chunk a fresh buffer (the socket may still hold the one before).
 */
export function* candleCopyChunks(
  prefix: Uint8Array,
  c: CandleColumns,
  o: { n: number; rows: number; onProgress?: ((stored: number) => void) | undefined },
): Generator<Uint8Array> {
  const w = new CandleCopyText();
  for (let start = 0; start < o.n; start += o.rows) {
    const end = Math.min(o.n, start + o.rows);
    const buf = new Uint8Array((end - start) * (prefix.length + MAX_ROW_BYTES));
    let at = 0;
    for (let i = start; i < end; i++) {
      buf.set(prefix, at);
      at = w.time(buf, at + prefix.length, c.time[i] ?? 0);
      buf[at++] = TAB;
      at = w.number(buf, at, c.open[i] ?? 0);
      buf[at++] = TAB;
      at = w.number(buf, at, c.high[i] ?? 0);
      buf[at++] = TAB;
      at = w.number(buf, at, c.low[i] ?? 0);
      buf[at++] = TAB;
      at = w.number(buf, at, c.close[i] ?? 0);
      buf[at++] = TAB;
      at = w.number(buf, at, c.volume[i] ?? 0);
      buf[at++] = LF;
    }
    yield buf.subarray(0, at);
    o.onProgress?.(end);
  }
}
