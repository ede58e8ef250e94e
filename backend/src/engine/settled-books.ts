import type { Fixed } from '../domain/money/fixed.js';
import type { TenantRuntime } from './runtime.js';

/** Reads of a running tenant's books for the valuation services; nothing here changes state. */

/** A profile's ledger balances in natural signs (capital and realised gains positive). */
export interface SettledBooks {
  capital: Fixed;
  cash: Fixed;
  positionsCost: Fixed;
  fees: Fixed;
  realized: Fixed;
}

/**
 * A tenant's equity as the per-candle drawdown watch sees it (float shadows: cash plus each
 * position at its last close), cheap enough to read every candle of a backtest.
 */
export function equityFloat(t: TenantRuntime | undefined): number {
  if (!t) return NaN;
  let eq = 0;
  for (const p of t.profiles.values()) {
    eq += p.cashFloat;
    const list = p.slotList;
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (s && s.qtyFloat !== 0) eq += s.qtyFloat * s.last;
    }
  }
  return eq;
}

function exposed(t: TenantRuntime | undefined): boolean {
  if (!t) return false;
  for (const p of t.profiles.values()) {
    for (const s of p.slotList) if (s.qtyFloat !== 0) return true;
  }
  return false;
}

/**
 * The ledger balances of a tenant's traded profiles as the engine holds them (capital funded,
 * cash, and over every position it booked: cost, fees, gross realised PnL), which are exactly
 * what it journals with each commit (books.property.test.ts, reconcile.test.ts). Null unless
 * the tenant is running with nothing in its queue: mid-step the books may hold a fill not yet
 * committed. `only` limits the answer to these profiles (those it trades; an empty list only
 * asks whether the books are settled), since the live valuation asks many times a second.
 */
export function settledBooks(
  t: TenantRuntime | undefined,
  only?: Iterable<string>,
): Map<string, SettledBooks> | null {
  if (!t || t.status !== 'running' || t.queue.busy) return null;
  const out = new Map<string, SettledBooks>();
  const ids = only ?? t.profiles.keys();
  for (const id of ids) {
    const rt = t.profiles.get(id);
    if (!rt) continue;
    const b: SettledBooks = {
      capital: rt.funded,
      cash: rt.cash,
      positionsCost: 0n,
      fees: 0n,
      realized: 0n,
    };
    for (const pos of rt.positions.values()) {
      b.positionsCost += pos.cost;
      b.fees += pos.fees;
      b.realized += pos.realized;
    }
    out.set(id, b);
  }
  return out;
}

export interface BooksReader {
  equityFloat(): number;
  /** True when any profile of the tenant holds a position (float shadows, per candle). */
  exposed(): boolean;
  settled(only?: Iterable<string>): Map<string, SettledBooks> | null;
}

export const booksReader = (tenant: () => TenantRuntime | undefined): BooksReader => ({
  equityFloat: () => equityFloat(tenant()),
  exposed: () => exposed(tenant()),
  settled: (only) => settledBooks(tenant(), only),
});
