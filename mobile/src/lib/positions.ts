import type { EquitySnapshot, Position } from '@bytelyst/trading-contracts';
import { sumDecimals } from '@bytelyst/trading-client';

export const positionSide = (p: Position): 'LONG' | 'SHORT' =>
  p.quantity.startsWith('-') ? 'SHORT' : 'LONG';

export const absQuantity = (q: string): string => q.replace(/^-/, '');

/** Latest snapshot per profile, summed: the account's equity now. Null before the first one. */
export function totalEquity(snapshots: readonly EquitySnapshot[]): {
  equity: string;
  unrealizedPnl: string;
  realizedPnl: string;
  at: string;
} | null {
  const latest = new Map<string, EquitySnapshot>();
  for (const s of snapshots) {
    const prev = latest.get(s.profileId);
    if (!prev || prev.at <= s.at) latest.set(s.profileId, s);
  }
  const list = [...latest.values()];
  if (list.length === 0) return null;
  return {
    equity: sumDecimals(list.map((s) => s.equity)),
    unrealizedPnl: sumDecimals(list.map((s) => s.unrealizedPnl)),
    realizedPnl: sumDecimals(list.map((s) => s.realizedPnl)),
    at: list.map((s) => s.at).reduce((a, b) => (a > b ? a : b)),
  };
}
