import { expect } from 'vitest';
import { parseFixed } from '../src/domain/money/fixed.js';
import { call, type CallTarget } from './backend-harness.js';

/** The books' quantity of one symbol in one profile, as `GET /api/positions` reports it (0 if none). */
export async function positionQuantity(
  backend: CallTarget,
  token: string,
  profileId: string,
  symbol: string,
): Promise<bigint> {
  const r = await call(backend, { path: `/api/positions?profileId=${profileId}`, token });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const p = (r.body.items as { symbol: string; quantity: string }[]).find(
    (x) => x.symbol === symbol,
  );
  return parseFixed(p?.quantity ?? '0');
}
