import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalKeyFileProvider } from '../adapters/secrets/local-key-file.js';
import type { BackendEnv } from '../env.js';
import { SecretVault } from '../services/secrets/secret-vault.js';

/**
 * The key provider and the vault over it. The local key file is created on first start; a KMS
 * adapter would be chosen here instead.
 */
export async function composeSecrets(env: BackendEnv): Promise<{
  keys: LocalKeyFileProvider;
  vault: SecretVault;
}> {
  const keys = new LocalKeyFileProvider(keyFilePath(env));
  await keys.load();
  return { keys, vault: new SecretVault(keys) };
}

/**
 * SECRETS_KEY_FILE, else beside the data. An in-memory store (`memory://`) holds nothing past the
 * process, so its keys need not outlive it either: a fresh temporary file.
 */
function keyFilePath(env: BackendEnv): string {
  if (env.SECRETS_KEY_FILE) return env.SECRETS_KEY_FILE;
  if (env.DATA_DIR.startsWith('memory://'))
    return join(tmpdir(), `bytelyst-kek-${randomUUID()}`, 'kek.json');
  return join(env.DATA_DIR, 'secrets', 'kek.json');
}
