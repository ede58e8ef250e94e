/**
 * Candle timestamps as they appear in files, read without the process's time zone: a time with
 * no zone is UTC (a file from a venue is UTC; reading it in the server's zone moved candles by
 * the zone's offset and broke at every DST change). Accepted:
 * - epoch seconds or milliseconds, told apart by size: below 1e11 is seconds (1e11 s is the year
 *   5138; 1e11 ms is 1973), optionally with a fraction;
 * - ISO 8601 `YYYY-MM-DD`, then optionally `T` or a space and `HH:MM[:SS[.fff]]`, then optionally
 *   `Z`, `+HH:MM`, `+HHMM` or `+HH` (or `-`). No zone means UTC.
 * Anything else is NaN: the caller reports the row, never guesses.
 */

const C0 = 48; // '0'
const EPOCH_SECONDS_BELOW = 1e11;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const daysInMonth = (y: number, m: number): number =>
  m === 2
    ? (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
      ? 29
      : 28
    : m === 4 || m === 6 || m === 9 || m === 11
      ? 30
      : 31;

/** The digits at [at, at + n) as a number, or -1 if any is not a digit (or past the end). */
function digits(s: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = (s[i] ?? 0) - C0;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function parseEpoch(s: Uint8Array, start: number, end: number): number {
  let v = 0;
  let i = start;
  for (; i < end; i++) {
    const c = (s[i] ?? 0) - C0;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
  }
  if (i === start) return NaN;
  let frac = 0;
  let scale = 1;
  if (i < end && (s[i] ?? 0) === 46 /* . */) {
    for (i++; i < end; i++) {
      const c = (s[i] ?? 0) - C0;
      if (c < 0 || c > 9) return NaN;
      if (scale < 1e9) {
        frac = frac * 10 + c;
        scale *= 10;
      }
    }
  }
  if (i !== end) return NaN;
  const x = v + frac / scale;
  return x < EPOCH_SECONDS_BELOW ? Math.round(x * 1000) : Math.round(x);
}

/** Minutes east of UTC for a zone at [at, end), or NaN. */
function zoneOffset(s: Uint8Array, at: number, end: number): number {
  if (at === end) return 0;
  const c = s[at] ?? 0;
  if ((c === 90 || c === 122) && at + 1 === end) return 0; // Z z
  if (c !== 43 && c !== 45) return NaN; // + -
  const sign = c === 43 ? 1 : -1;
  const n = end - at - 1;
  const h = digits(s, at + 1, 2);
  let m = 0;
  if (n === 5 && (s[at + 3] ?? 0) === 58) m = digits(s, at + 4, 2);
  else if (n === 4) m = digits(s, at + 3, 2);
  else if (n !== 2) return NaN;
  if (h < 0 || h > 23 || m < 0 || m > 59) return NaN;
  return sign * (h * 60 + m);
}

function parseIso(s: Uint8Array, start: number, end: number): number {
  if (end - start < 10 || (s[start + 4] ?? 0) !== 45 || (s[start + 7] ?? 0) !== 45) return NaN;
  const y = digits(s, start, 4);
  const mo = digits(s, start + 5, 2);
  const d = digits(s, start + 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NaN;
  let i = start + 10;
  let ms = 0;
  const sep = s[i] ?? 0;
  if (i < end && (sep === 84 || sep === 116 || sep === 32)) {
    // T t space
    const h = digits(s, i + 1, 2);
    const mi = (s[i + 3] ?? 0) === 58 ? digits(s, i + 4, 2) : -1;
    if (h < 0 || h > 23 || mi < 0 || mi > 59) return NaN;
    ms = (h * 60 + mi) * 60_000;
    i += 6;
    if (i < end && (s[i] ?? 0) === 58) {
      const sec = digits(s, i + 1, 2);
      if (sec < 0 || sec > 59) return NaN;
      ms += sec * 1000;
      i += 3;
      if (i < end && ((s[i] ?? 0) === 46 || (s[i] ?? 0) === 44)) {
        let scale = 100;
        for (i++; i < end; i++) {
          const c = (s[i] ?? 0) - C0;
          if (c < 0 || c > 9) break;
          ms += c * scale;
          scale /= 10;
        }
        ms = Math.round(ms);
      }
    }
  }
  const off = zoneOffset(s, i, end);
  if (Number.isNaN(off)) return NaN;
  return daysFromCivil(y, mo, d) * 86_400_000 + ms - off * 60_000;
}

/**
 * Epoch milliseconds of the timestamp at bytes [start, end) of `s` (ASCII or UTF-8, trimmed of
 * spaces and quotes by the caller), or NaN when it is none of the accepted forms.
 */
export function timestampAt(s: Uint8Array, start: number, end: number): number {
  if (end <= start) return NaN;
  // ISO dates have a '-' at index 4; epoch numbers never do.
  return end - start >= 10 && (s[start + 4] ?? 0) === 45
    ? parseIso(s, start, end)
    : parseEpoch(s, start, end);
}

const utf8 = new TextEncoder();

/** `timestampAt` over a whole string, trimmed. */
export function parseTimestamp(text: string): number {
  const s = utf8.encode(text.trim());
  return timestampAt(s, 0, s.length);
}

/** How a file writes its times: told from one timestamp, for the import's report. */
export type TimestampForm =
  'epoch_seconds' | 'epoch_milliseconds' | 'iso_with_zone' | 'iso_no_zone';

/** The form of the (valid) timestamp at bytes [start, end) of `s`. */
export function timestampFormAt(s: Uint8Array, start: number, end: number): TimestampForm {
  if (!(end - start >= 10 && (s[start + 4] ?? 0) === 45)) {
    let i = start;
    let v = 0;
    for (; i < end; i++) {
      const c = (s[i] ?? 0) - C0;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    return v < EPOCH_SECONDS_BELOW ? 'epoch_seconds' : 'epoch_milliseconds';
  }
  const last = s[end - 1] ?? 0;
  if (last === 90 || last === 122) return 'iso_with_zone';
  for (let i = start + 10; i < end; i++) {
    const c = s[i] ?? 0;
    if (c === 43 || c === 45) return 'iso_with_zone';
  }
  return 'iso_no_zone';
}
