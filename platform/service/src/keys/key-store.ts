import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';
import type { Clock } from '../domain/clock.js';
import { toIso, type SqlDb, type SqlExecutor } from '../storage/db.js';

interface KeyRow {
  kid: string;
  private_jwk: JWK;
  public_jwk: JWK;
  created_at: Date;
  retired_at: Date | null;
}

interface LoadedKey {
  kid: string;
  publicJwk: JWK;
  privateJwk: JWK;
  retiredAt: string | null;
}

async function newKeyRow(now: Date): Promise<KeyRow> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', {
    extractable: true,
    modulusLength: 2048,
  });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  return {
    kid,
    private_jwk: { ...privateJwk, kid, alg: 'RS256', use: 'sig' },
    public_jwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' },
    created_at: now,
    retired_at: null,
  };
}

async function insertKey(tx: SqlExecutor, row: KeyRow): Promise<void> {
  await tx.query(
    `INSERT INTO signing_keys (kid, private_jwk, public_jwk, created_at) VALUES ($1, $2::jsonb, $3::jsonb, $4)`,
    [row.kid, JSON.stringify(row.private_jwk), JSON.stringify(row.public_jwk), row.created_at],
  );
}

/**
 * RS256 signing keys, persisted in the database so every instance signs with the same key and a
 * restart keeps old tokens valid. Rotation retires the current key for signing but keeps it in
 * the JWKS for `overlapMs` (longer than the access-token lifetime), so tokens already issued
 * still verify everywhere while verifiers pick up the new `kid`.
 *
 * Private keys sit in the platform's own schema; a deployment that needs them in a KMS replaces
 * this class, nothing else signs.
 */
export class KeyStore {
  private keys: LoadedKey[] = [];
  private signing: { kid: string; key: CryptoKey } | null = null;

  private constructor(
    private readonly db: SqlDb,
    private readonly opts: { clock: Clock; overlapMs: number },
  ) {}

  /** Loads the keys, generating the first one on first start (once, even with racing instances). */
  static async open(db: SqlDb, opts: { clock: Clock; overlapMs: number }): Promise<KeyStore> {
    const store = new KeyStore(db, opts);
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(4102)');
      const live = await tx.query('SELECT kid FROM signing_keys WHERE retired_at IS NULL');
      if (live.length === 0) await insertKey(tx, await newKeyRow(opts.clock.now()));
    });
    await store.reload();
    return store;
  }

  async reload(): Promise<void> {
    const rows = await this.db.query<KeyRow>('SELECT * FROM signing_keys ORDER BY created_at DESC');
    const cutoff = this.opts.clock.now().getTime() - this.opts.overlapMs;
    this.keys = rows
      .filter((r) => r.retired_at === null || new Date(r.retired_at).getTime() > cutoff)
      .map((r) => ({
        kid: r.kid,
        publicJwk: r.public_jwk,
        privateJwk: r.private_jwk,
        retiredAt: toIso(r.retired_at),
      }));
    const active = this.keys.find((k) => k.retiredAt === null);
    if (!active) throw new Error('no active signing key');
    if (this.signing?.kid !== active.kid) {
      this.signing = {
        kid: active.kid,
        key: (await importJWK(active.privateJwk, 'RS256')) as CryptoKey,
      };
    }
  }

  /** Makes a new key the signing key; the previous one stays published for the overlap. */
  async rotate(): Promise<{ kid: string; retired: string[] }> {
    const now = this.opts.clock.now();
    const row = await newKeyRow(now);
    const retired = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(4102)');
      const rows = await tx.query<{ kid: string }>(
        'UPDATE signing_keys SET retired_at = $1 WHERE retired_at IS NULL RETURNING kid',
        [now],
      );
      await insertKey(tx, row);
      return rows.map((r) => r.kid);
    });
    await this.reload();
    return { kid: row.kid, retired };
  }

  signingKey(): { kid: string; key: CryptoKey } {
    if (!this.signing) throw new Error('KeyStore used before open()');
    return this.signing;
  }

  /** Public keys only: what `/.well-known/jwks.json` serves. */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((k) => k.publicJwk) };
  }
}
