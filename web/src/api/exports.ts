import type { Decision, Trade } from '@bytelyst/trading-contracts';
import { toCsv, type CsvColumn } from '@bytelyst/trading-client';
import { callApi } from '../lib/api';

/** At most this many rows per export (20 pages of 500). */
const MAX_PAGES = 20;

async function all<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
) {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const p = await page(cursor);
    out.push(...p.items);
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  return out;
}

const TRADE_COLUMNS: CsvColumn<Trade>[] = [
  { header: 'id', value: (t) => t.id },
  { header: 'profileId', value: (t) => t.profileId },
  { header: 'symbol', value: (t) => t.symbol },
  { header: 'side', value: (t) => t.side },
  { header: 'quantity', value: (t) => t.quantity },
  { header: 'entryPrice', value: (t) => t.entryPrice },
  { header: 'exitPrice', value: (t) => t.exitPrice },
  { header: 'grossPnl', value: (t) => t.realizedPnl },
  { header: 'fees', value: (t) => t.fees },
  { header: 'netPnl', value: (t) => t.netPnl },
  { header: 'openedAtUtc', value: (t) => t.openedAt },
  { header: 'closedAtUtc', value: (t) => t.closedAt },
  { header: 'exitReason', value: (t) => t.exitReason },
];

const DECISION_COLUMNS: CsvColumn<Decision>[] = [
  { header: 'id', value: (d) => d.id },
  { header: 'createdAtUtc', value: (d) => d.createdAt },
  { header: 'candleTimeUtc', value: (d) => d.candleTime },
  { header: 'profileId', value: (d) => d.profileId },
  { header: 'symbol', value: (d) => d.symbol },
  { header: 'action', value: (d) => d.action },
  { header: 'price', value: (d) => d.price },
  { header: 'signalStrength', value: (d) => d.signalStrength },
  { header: 'reasons', value: (d) => d.reasons.map((r) => `${r.code}: ${r.message}`).join('; ') },
  { header: 'controlReasons', value: (d) => d.controlReasons.join('; ') },
  { header: 'inputs', value: (d) => JSON.stringify(d.inputs) },
  { header: 'orderId', value: (d) => d.orderId },
];

/** Every trade (newest first) as RFC 4180 CSV with ISO 8601 UTC times and exact amounts. */
export const tradesCsv = async () =>
  toCsv(
    await all((cursor) =>
      callApi('trades', { query: { limit: 500, ...(cursor ? { cursor } : {}) } }),
    ),
    TRADE_COLUMNS,
  );

export const decisionsCsv = async () =>
  toCsv(
    await all((cursor) =>
      callApi('decisions', { query: { limit: 500, ...(cursor ? { cursor } : {}) } }),
    ),
    DECISION_COLUMNS,
  );

/** Saves text as a file through the browser's download. */
export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
