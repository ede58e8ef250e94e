/**
 * Rotates the key-encryption key of stored venue credentials without stopping the backend:
 * a new KEK becomes current, every account's data key is re-wrapped under it (the ciphertexts
 * do not change), and with --retire the old KEKs are dropped once no row uses them.
 *
 *   pnpm --filter @bytelyst/trading-backend exec tsx scripts/rotate-secrets-key.ts [--retire]
 *
 * Reads DATABASE_URL / DATA_DIR / SECRETS_KEY_FILE like the backend. Running instances keep
 * opening every row (they re-read the key file when they meet a KEK id they do not hold) and
 * seal new accounts under the newest KEK (they re-read the file before sealing when it changed).
 * --retire re-wraps first and refuses while any row still uses an old KEK, so an account sealed
 * mid-rotation is never left unreadable. Exit 0 = done, 1 = refused, 2 = failed.
 */
import { pathToFileURL } from 'node:url';
import { createStore } from '../src/adapters/store/index.js';
import type { SqlStore } from '../src/adapters/store/index.js';
import { SqlVenueAccountStore } from '../src/adapters/store/repo-venue-accounts.js';
import { composeSecrets } from '../src/compose/secrets.js';
import { loadBackendEnv } from '../src/env.js';
import type { KeyProvider } from '../src/ports/key-provider.js';
import type { SecretVault } from '../src/services/secrets/secret-vault.js';
import { rewrapAllSecrets } from '../src/services/venue-accounts/rewrap-secrets.js';

export async function rotateSecretsKey(
  deps: { keys: KeyProvider; vault: SecretVault; store: SqlVenueAccountStore },
  o: { retire: boolean; write: (line: string) => void },
): Promise<number> {
  const kek = o.retire ? await deps.keys.currentKekId() : await deps.keys.rotate();
  if (!o.retire) o.write(`new key-encryption key ${kek} is current`);
  const moved = await rewrapAllSecrets(deps, kek);
  o.write(`re-wrapped ${moved} account key(s) under ${kek}`);
  if (!o.retire) return 0;
  const left = await deps.store.sealedNotUnder(kek, 1);
  if (left.length > 0) {
    o.write('refused: accounts still use an older key; run --retire again');
    return 1;
  }
  o.write(`retired ${(await deps.keys.retire()).join(', ') || 'nothing'}`);
  return 0;
}

const main = async (): Promise<number> => {
  const env = loadBackendEnv();
  const store = (await createStore({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    migrate: false,
  })) as SqlStore;
  try {
    const { keys, vault } = await composeSecrets(env);
    return await rotateSecretsKey(
      { keys, vault, store: new SqlVenueAccountStore(store.sql) },
      { retire: process.argv.includes('--retire'), write: (l) => process.stdout.write(`${l}\n`) },
    );
  } finally {
    await store.close();
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `rotate-secrets-key: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(2);
    },
  );
}
