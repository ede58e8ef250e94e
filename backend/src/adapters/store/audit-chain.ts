import { createHash } from 'node:crypto';
import type { AuditEvent } from '@bytelyst/trading-contracts';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth and `undefined` members dropped, so a row hashes
 * the same before it is written and after it comes back from jsonb (which reorders keys).
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

export type HashedFields = Omit<AuditEvent, 'hash'>;

/** sha256 over the canonical JSON of every field of the row except `hash` itself. */
export const auditHash = (row: HashedFields): string =>
  createHash('sha256').update(canonicalJson(row), 'utf8').digest('hex');

export type ChainProblem = 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap';

/**
 * Checks one row against its predecessor's (seq, hash). Pure, so the verify job, the CLI and
 * property tests share it.
 */
export const checkLink = (
  prev: { seq: number; hash: string },
  row: AuditEvent,
): ChainProblem | null => {
  if (row.seq !== prev.seq + 1) return 'seq_gap';
  if (row.prevHash !== prev.hash) return 'prev_hash_mismatch';
  const { hash, ...rest } = row;
  if (auditHash(rest) !== hash) return 'hash_mismatch';
  return null;
};
