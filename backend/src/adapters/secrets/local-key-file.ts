import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '@bytelyst/trading-contracts';
import { z } from 'zod';
import type { KeyProvider, WrappedDataKey } from '../../ports/key-provider.js';

const KeyFileSchema = z.strictObject({
  version: z.literal(1),
  current: z.string().min(1),
  keys: z
    .array(z.strictObject({ id: z.string().min(1), key: z.base64(), createdAt: z.string() }))
    .min(1),
});
type KeyFile = z.infer<typeof KeyFileSchema>;

const FILE_MODE = 0o600;
const IV_BYTES = 12;

/**
 * Key-encryption keys in a local JSON file (mode 0600), created on first start. Rotation appends
 * a key and makes it current; data keys wrapped by older keys still unwrap until `retire`. Another
 * process may rotate the same file: an unknown KEK id makes this one re-read it before failing.
 */
export class LocalKeyFileProvider implements KeyProvider {
  private file: KeyFile | undefined;
  /**
   * The file's identity as last read (inode, size, mtime): a rotation by another process writes
   * a new file, which changes the inode even within the same millisecond.
   */
  private loadedStamp = '';

  constructor(private readonly path: string) {}

  /** Reads the file, or creates it with one fresh key; refuses a file others can read. */
  async load(): Promise<void> {
    this.file = (await this.read()) ?? (await this.create());
  }

  async currentKekId(): Promise<string> {
    return (await this.keyFile()).current;
  }

  async wrap(dataKey: Uint8Array): Promise<WrappedDataKey> {
    // New secrets go under the newest KEK even when another process rotated it: one stat per
    // seal (connects are rare), so a retire after a rotation leaves no instance behind.
    if ((await this.stamp()) !== this.loadedStamp) await this.load();
    const file = await this.keyFile();
    const kek = keyOf(file, file.current);
    if (!kek) throw new AppError('INTERNAL', 'The current key-encryption key is missing.');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', kek, iv);
    cipher.setAAD(Buffer.from(file.current, 'utf8'));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    const wrapped = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    return { kekId: file.current, wrapped };
  }

  async unwrap(key: WrappedDataKey): Promise<Uint8Array> {
    let kek = keyOf(await this.keyFile(), key.kekId);
    if (!kek) {
      await this.load();
      kek = keyOf(await this.keyFile(), key.kekId);
    }
    if (!kek) throw new AppError('INTERNAL', `Key-encryption key ${key.kekId} is not held.`);
    const raw = Buffer.from(key.wrapped, 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', kek, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(key.kekId, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + 16));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + 16)), decipher.final()]);
    } catch (cause) {
      throw new AppError('INTERNAL', 'A data key could not be unwrapped.', { cause });
    }
  }

  async rotate(): Promise<string> {
    const file = (await this.read()) ?? (await this.keyFile());
    const next = newKey();
    this.file = { ...file, current: next.id, keys: [...file.keys, next] };
    await this.write(this.file);
    return next.id;
  }

  async retire(): Promise<readonly string[]> {
    const file = (await this.read()) ?? (await this.keyFile());
    const dropped = file.keys.filter((k) => k.id !== file.current).map((k) => k.id);
    this.file = { ...file, keys: file.keys.filter((k) => k.id === file.current) };
    await this.write(this.file);
    return dropped;
  }

  private async keyFile(): Promise<KeyFile> {
    if (!this.file) await this.load();
    if (!this.file) throw new AppError('INTERNAL', 'The key file could not be loaded.');
    return this.file;
  }

  private async stamp(): Promise<string> {
    try {
      return stampOf(await stat(this.path));
    } catch {
      return '';
    }
  }

  private async read(): Promise<KeyFile | undefined> {
    let text: string;
    try {
      const info = await stat(this.path);
      this.loadedStamp = stampOf(info);
      // A KEK readable by group or others is as good as published; refuse rather than use it.
      if ((info.mode & 0o077) !== 0)
        throw new AppError(
          'INTERNAL',
          `Key file ${this.path} is readable by others (mode ${(info.mode & 0o777).toString(8)}); chmod 600 it.`,
        );
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return KeyFileSchema.parse(JSON.parse(text));
  }

  private async create(): Promise<KeyFile> {
    const first = newKey();
    const file: KeyFile = { version: 1, current: first.id, keys: [first] };
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    // Written whole to a temporary file, then linked into place: link fails if the name exists,
    // so two processes starting at once never each install their own first key, and neither can
    // read a half-written file.
    const tmp = await this.writeTemp(file);
    try {
      await link(tmp, this.path);
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const other = await this.read();
      if (!other) throw error;
      return other;
    } finally {
      await unlink(tmp);
    }
  }

  /** Write-then-rename, so a reader never sees half a file and a crash leaves the old one. */
  private async write(file: KeyFile): Promise<void> {
    await rename(await this.writeTemp(file), this.path);
  }

  private async writeTemp(file: KeyFile): Promise<string> {
    const tmp = `${this.path}.${randomUUID()}.tmp`;
    const handle = await open(tmp, 'wx', FILE_MODE);
    try {
      await handle.writeFile(JSON.stringify(file));
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open's mode is masked by the umask; make 0600 hold whatever the umask is.
    await chmod(tmp, FILE_MODE);
    return tmp;
  }
}

function newKey(): KeyFile['keys'][number] {
  return {
    id: `kek-${randomUUID()}`,
    key: randomBytes(32).toString('base64'),
    createdAt: new Date().toISOString(),
  };
}

function keyOf(file: KeyFile, id: string): Buffer | undefined {
  const k = file.keys.find((x) => x.id === id);
  return k ? Buffer.from(k.key, 'base64') : undefined;
}

const stampOf = (info: { ino: number; size: number; mtimeMs: number }): string =>
  `${info.ino}:${info.size}:${info.mtimeMs}`;
