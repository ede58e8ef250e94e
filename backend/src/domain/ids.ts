/**
 * Deterministic ids: the same inputs always give the same id, so a replay or a restart recreates
 * identical orders, fills and ledger transactions, and the store's unique keys catch repeats.
 * Hashing keeps ids within the 36 characters many venues allow for client order ids, whatever the
 * length of the profile id.
 *
 * The hash is a 128-bit non-cryptographic mix (four 32-bit lanes, cyrb128-style): ids need to be
 * stable and practically collision-free, not secret, and this is many times cheaper than SHA-256
 * on the order path of a backtest.
 */
/** Two hex digits per byte value: four lookups write a 32-bit lane. */
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (h: number): string =>
  (BYTE_HEX[(h >>> 24) & 255] as string) +
  (BYTE_HEX[(h >>> 16) & 255] as string) +
  (BYTE_HEX[(h >>> 8) & 255] as string) +
  (BYTE_HEX[h & 255] as string);

/**
 * The id of `parts` joined by "|" (the separator is hashed, so ("a|b") and ("a", "b") collide by
 * design, exactly as a joined string would). Parts are hashed in place: no joined string is built.
 */
export function stableId(prefix: string, ...parts: readonly (string | number)[]): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    const s = typeof part === 'string' ? part : String(part);
    for (let i = p === 0 ? 0 : -1; i < s.length; i++) {
      const k = i < 0 ? 124 : s.charCodeAt(i); // 124 = '|'
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return prefix + hex8(h1) + hex8(h2) + hex8(h3) + hex8(h4);
}

export const decisionIdFor = (
  profileId: string,
  symbol: string,
  candleTime: number,
  kind: string,
): string => stableId('d-', profileId, symbol, candleTime, kind);

/**
 * Client order id and order id are the same string, saved before the order is sent. It is the
 * decision's hash with an order sequence digit: 35 characters, within the 36 most venues allow.
 */
export const clientOrderIdFor = (decisionId: string, seq: number): string =>
  decisionId.startsWith('d-') && decisionId.length === 34 && seq >= 0 && seq < 36
    ? `bl${decisionId.slice(2)}${seq.toString(36)}`
    : stableId('bl', decisionId, seq);

export const fillIdFor = (orderId: string, exchangeTradeId: string): string =>
  stableId('f-', orderId, exchangeTradeId);

export const ledgerTxIdFor = (kind: string, key: string): string => stableId('tx', kind, key);

export const tradeIdFor = (
  profileId: string,
  symbol: string,
  openedAt: number,
  closedAt: number,
): string => stableId('t-', profileId, symbol, openedAt, closedAt);
