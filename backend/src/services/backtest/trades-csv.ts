import type { BacktestTrade } from '@bytelyst/trading-contracts';

/**
 * The CSV export of a run's trades (RFC 4180, as the web's exports): a header row, CRLF line
 * ends, ISO 8601 UTC times and amounts as the exact decimal strings stored, so a spreadsheet gets
 * the backend's numbers. A field holding a comma, quote or line break is quoted.
 */
const COLUMNS: readonly [string, (t: BacktestTrade) => string | number][] = [
  ['seq', (t) => t.seq],
  ['id', (t) => t.id],
  ['symbol', (t) => t.symbol],
  ['side', (t) => t.side],
  ['quantity', (t) => t.quantity],
  ['entry_price', (t) => t.entryPrice],
  ['exit_price', (t) => t.exitPrice],
  ['realized_pnl', (t) => t.realizedPnl],
  ['fees', (t) => t.fees],
  ['net_pnl', (t) => t.netPnl],
  ['opened_at', (t) => t.openedAt],
  ['closed_at', (t) => t.closedAt],
  ['exit_reason', (t) => t.exitReason],
];

export const csvField = (v: string | number): string => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const TRADES_CSV_HEADER = `${COLUMNS.map(([h]) => h).join(',')}\r\n`;

export const tradesCsvLines = (trades: readonly BacktestTrade[]): string => {
  let out = '';
  for (const t of trades) out += `${COLUMNS.map(([, value]) => csvField(value(t))).join(',')}\r\n`;
  return out;
};
