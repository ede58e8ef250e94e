import { AppError } from '@bytelyst/trading-contracts';

/**
 * Exact money: a bigint holding the value times 10^18.
 *
 * Why one fixed scale of 18: the wire contract allows at most 18 fraction digits, so every price,
 * quantity and amount a client or venue can send fits exactly, and values of different
 * instruments add without rescaling. Products and quotients are rounded back to 18 digits with an
 * explicit mode at the one place they happen. Binary floats never enter an order, fill, position
 * or ledger value; `fromNumber` exists only to turn an indicator-space price into a value that the
 * caller then rounds to a tick or lot.
 */
export type Fixed = bigint;

export const SCALE_DIGITS = 18;
export const SCALE = 10n ** 18n;
export const ZERO: Fixed = 0n;
export const ONE: Fixed = SCALE;

export type RoundingMode = 'floor' | 'ceil' | 'trunc' | 'half-up';

const ZEROS = '0'.repeat(SCALE_DIGITS);

/**
 * Parses a decimal string ("12.5", "-0.001") exactly. More than 18 fraction digits is refused.
 * One pass over the characters validates and finds the point; no regular expression.
 */
export function parseFixed(text: string): Fixed {
  const len = text.length;
  const neg = len > 0 && text.charCodeAt(0) === 45; // '-'
  const start = neg ? 1 : 0;
  let dot = -1;
  for (let i = start; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === 46 && dot < 0 && i > start && i < len - 1) {
      dot = i;
      continue;
    }
    dot = -2;
    break;
  }
  if (dot === -2 || len === start) {
    throw new AppError('VALIDATION_FAILED', `not a decimal number: ${text}`);
  }
  const fracLen = dot < 0 ? 0 : len - dot - 1;
  if (fracLen > SCALE_DIGITS) {
    throw new AppError('VALIDATION_FAILED', `more than ${SCALE_DIGITS} fraction digits: ${text}`);
  }
  const digits = dot < 0 ? text.slice(start) : text.slice(start, dot) + text.slice(dot + 1);
  const v = BigInt(digits + ZEROS.slice(fracLen));
  return neg ? -v : v;
}

/**
 * Canonical decimal string: no trailing zeros, no "-0", at least one integer digit. One bigint to
 * text conversion and string slicing (no bigint division): this runs for every amount that
 * crosses a port or the wire.
 */
export function formatFixed(v: Fixed): string {
  if (v === 0n) return '0';
  const neg = v < 0n;
  let digits = (neg ? -v : v).toString();
  if (digits.length <= SCALE_DIGITS) digits = ZEROS.slice(digits.length - 1) + digits;
  const cut = digits.length - SCALE_DIGITS;
  let end = digits.length;
  while (end > cut && digits.charCodeAt(end - 1) === 48) end--;
  const text =
    end === cut ? digits.slice(0, cut) : `${digits.slice(0, cut)}.${digits.slice(cut, end)}`;
  return neg ? '-' + text : text;
}

/** Integer division of n by d (d > 0 or < 0) with the given rounding. */
export function divRound(n: bigint, d: bigint, mode: RoundingMode): bigint {
  if (d === 0n) throw new AppError('INTERNAL', 'division by zero');
  if (d < 0n) return divRound(-n, -d, mode);
  const q = n / d; // truncates toward zero
  const r = n % d;
  if (r === 0n) return q;
  switch (mode) {
    case 'trunc':
      return q;
    case 'floor':
      return n < 0n ? q - 1n : q;
    case 'ceil':
      return n < 0n ? q : q + 1n;
    case 'half-up': {
      // Half away from zero: compare twice the remainder with the divisor.
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice >= d) return n < 0n ? q - 1n : q + 1n;
      return q;
    }
  }
}

export function mul(a: Fixed, b: Fixed, mode: RoundingMode = 'half-up'): Fixed {
  return divRound(a * b, SCALE, mode);
}

export function div(a: Fixed, b: Fixed, mode: RoundingMode = 'half-up'): Fixed {
  return divRound(a * SCALE, b, mode);
}

export function abs(a: Fixed): Fixed {
  return a < 0n ? -a : a;
}

export function min(a: Fixed, b: Fixed): Fixed {
  return a < b ? a : b;
}

export function max(a: Fixed, b: Fixed): Fixed {
  return a > b ? a : b;
}

export function sign(a: Fixed): -1 | 0 | 1 {
  return a > 0n ? 1 : a < 0n ? -1 : 0;
}

/** Rounds to a multiple of `step` (> 0). */
export function roundToStep(v: Fixed, step: Fixed, mode: RoundingMode): Fixed {
  if (step <= 0n) throw new AppError('INTERNAL', 'step must be positive');
  return divRound(v, step, mode) * step;
}

/**
 * A float from indicator space (e.g. a candle close) as fixed. The float's decimal expansion is
 * taken to 18 places; callers round the result to a tick or lot, which removes the binary noise.
 */
export function fromNumber(n: number): Fixed {
  if (!Number.isFinite(n)) throw new AppError('INTERNAL', `not a finite number: ${n}`);
  if (Math.abs(n) >= 1e20) throw new AppError('INTERNAL', `number too large for money: ${n}`);
  return parseFixed(n.toFixed(SCALE_DIGITS));
}

/**
 * An observed float (a price tick, a candle value) as the decimal a person would write: the
 * shortest text that reads back as the same float, at most 15 significant digits. Without this a
 * close of 50169.21 would travel as 50169.209999999999126885, the float's exact binary expansion.
 */
export function fromObservation(n: number): Fixed {
  if (!Number.isFinite(n)) throw new AppError('INTERNAL', `not a finite number: ${n}`);
  const text = String(Number(n.toPrecision(15)));
  return /e/i.test(text) ? fromNumber(n) : parseFixed(text);
}

/** Lossy, for indicators, logs and ratios only; never feed the result back into money. */
export function toNumber(v: Fixed): number {
  return Number(v) / 1e18;
}
