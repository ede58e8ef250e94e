import { formatMoney, pnlClass } from '@bytelyst/trading-client';

/** A PnL figure: green above zero, red below, always with its sign. */
export function Pnl({ value }: { value: string | null | undefined }) {
  return <span className={`num ${pnlClass(value)}`}>{formatMoney(value, true)}</span>;
}
