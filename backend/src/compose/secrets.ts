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
  const keys = new LocalKeyFileProvider(
    env.SECRETS_KEY_FILE ?? join(env.DATA_DIR, 'secrets', 'kek.json'),
  );
  await keys.load();
  return { keys, vault: new SecretVault(keys) };
}
