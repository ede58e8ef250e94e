import { chmod, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretVault } from '../../services/secrets/secret-vault.js';
import { LocalKeyFileProvider } from './local-key-file.js';

const tempPath = async () => join(await mkdtemp(join(tmpdir(), 'kek-')), 'nested', 'kek.json');

describe('LocalKeyFileProvider', () => {
  it('creates the key file on first start with mode 0600 and reuses it afterwards', async () => {
    const path = await tempPath();
    const first = new LocalKeyFileProvider(path);
    await first.load();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const again = new LocalKeyFileProvider(path);
    expect(await again.currentKekId()).toBe(await first.currentKekId());
  });

  it('two processes starting at once end up with one key', async () => {
    const path = await tempPath();
    const a = new LocalKeyFileProvider(path);
    const b = new LocalKeyFileProvider(path);
    await Promise.all([a.load(), b.load()]);
    expect(await a.currentKekId()).toBe(await b.currentKekId());
  });

  it('refuses a key file that group or others can read', async () => {
    const path = await tempPath();
    await new LocalKeyFileProvider(path).load();
    await chmod(path, 0o644);
    await expect(new LocalKeyFileProvider(path).load()).rejects.toThrow(/chmod 600/);
  });

  it('refuses a malformed key file instead of replacing it', async () => {
    const path = await tempPath();
    await new LocalKeyFileProvider(path).load();
    await writeFile(path, '{"version":1}', { mode: 0o600 });
    await expect(new LocalKeyFileProvider(path).load()).rejects.toThrow();
  });

  it('rotation: old secrets open throughout, re-wrapped ones survive retiring the old key', async () => {
    const path = await tempPath();
    const keys = new LocalKeyFileProvider(path);
    const vault = new SecretVault(keys);
    const sealed = await vault.seal('s3cret-value', 'tenant-a/acc-1');
    const oldKek = sealed.kekId;

    const newKek = await keys.rotate();
    expect(newKek).not.toBe(oldKek);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    // A second instance that loaded before the rotation still opens both generations.
    expect(await vault.open(sealed, 'tenant-a/acc-1')).toBe('s3cret-value');

    const rewrapped = await vault.rewrap(sealed);
    expect(rewrapped?.kekId).toBe(newKek);
    expect(rewrapped?.ciphertext).toBe(sealed.ciphertext);
    expect(await vault.rewrap(rewrapped ?? sealed)).toBeNull();

    expect(await keys.retire()).toEqual([oldKek]);
    expect(await vault.open(rewrapped ?? sealed, 'tenant-a/acc-1')).toBe('s3cret-value');
    await expect(vault.open(sealed, 'tenant-a/acc-1')).rejects.toThrow(/not held/);
    expect(await readFile(path, 'utf8')).not.toContain(oldKek);
  });

  it('another instance seals under a key rotated elsewhere', async () => {
    const path = await tempPath();
    const a = new LocalKeyFileProvider(path);
    const b = new LocalKeyFileProvider(path);
    await a.load();
    await b.load();
    const rotated = await a.rotate();
    expect((await new SecretVault(b).seal('x', 'aad')).kekId).toBe(rotated);
  });

  it('another instance picks up a key rotated elsewhere when it meets its id', async () => {
    const path = await tempPath();
    const a = new LocalKeyFileProvider(path);
    const b = new LocalKeyFileProvider(path);
    await a.load();
    await b.load();
    await a.rotate();
    const sealedByA = await new SecretVault(a).seal('x', 'aad');
    expect(await new SecretVault(b).open(sealedByA, 'aad')).toBe('x');
  });
});
