import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '@bytelyst/trading-contracts';
import { GENESIS_HASH, auditHash, canonicalJson, checkLink } from './audit-chain.js';
import { decodeCursor, encodeCursor } from './cursor.js';

const event = (over: Partial<AuditEvent> = {}): AuditEvent => {
  const base: Omit<AuditEvent, 'hash'> = {
    id: 'e1',
    seq: 1,
    at: '2026-03-01T12:00:00.000Z',
    actor: { type: 'admin', id: 'ops', tenantId: null },
    tenantId: null,
    action: 'control.set',
    target: 'global',
    before: { mode: 'RUNNING' },
    after: { mode: 'HALTED' },
    reason: 'incident',
    requestId: 'r1',
    prevHash: GENESIS_HASH,
    ...over,
  };
  return { ...base, hash: auditHash(base), ...(over.hash ? { hash: over.hash } : {}) };
};

describe('canonical JSON', () => {
  it('does not depend on key order at any depth', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
    expect(canonicalJson({ b: 1, a: { d: [2, undefined], c: undefined } })).toBe(
      '{"a":{"d":[2,null]},"b":1}',
    );
  });
});

describe('chain links', () => {
  it('accepts a correct link and names each kind of break', () => {
    const first = event();
    expect(checkLink({ seq: 0, hash: GENESIS_HASH }, first)).toBeNull();
    expect(checkLink({ seq: 1, hash: GENESIS_HASH }, first)).toBe('seq_gap');
    expect(checkLink({ seq: 0, hash: 'f'.repeat(64) }, first)).toBe('prev_hash_mismatch');
    expect(checkLink({ seq: 0, hash: GENESIS_HASH }, { ...first, reason: 'edited' })).toBe(
      'hash_mismatch',
    );
  });
});

describe('page cursors', () => {
  it('round-trips and rejects what it did not issue', () => {
    const key = { time: '2026-03-01T12:00:00.000Z', id: 'abc' };
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
    expect(decodeCursor(undefined)).toBeNull();
    expect(() => decodeCursor('not-base64-json')).toThrow(/cursor/);
    expect(() => decodeCursor(Buffer.from('["nope","x"]').toString('base64url'))).toThrow();
  });
});
