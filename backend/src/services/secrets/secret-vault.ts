import type { KeyProvider } from '../../ports/key-provider.js';
import { newDataKey, openBytes, sealBytes, type SealedBytes } from './envelope.js';

/** What the store keeps for one secret: the ciphertext and its data key, wrapped by a KEK. */
export interface SealedSecret extends SealedBytes {
  readonly kekId: string;
  readonly wrappedKey: string;
}

/**
 * Envelope encryption over a KeyProvider. The plaintext exists only inside `seal` and `open`;
 * callers keep it no longer than one venue call.
 */
export class SecretVault {
  constructor(private readonly keys: KeyProvider) {}

  async seal(plaintext: string, aad: string): Promise<SealedSecret> {
    const dataKey = newDataKey();
    try {
      const sealed = sealBytes({ key: dataKey, plaintext: Buffer.from(plaintext, 'utf8'), aad });
      const wrapped = await this.keys.wrap(dataKey);
      return { ...sealed, kekId: wrapped.kekId, wrappedKey: wrapped.wrapped };
    } finally {
      dataKey.fill(0);
    }
  }

  async open(sealed: SealedSecret, aad: string): Promise<string> {
    const dataKey = Buffer.from(
      await this.keys.unwrap({ kekId: sealed.kekId, wrapped: sealed.wrappedKey }),
    );
    try {
      return openBytes({ key: dataKey, sealed, aad }).toString('utf8');
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * The same secret with its data key wrapped by the current KEK; the ciphertext is unchanged, so
   * a reader holding the old row and one holding the new row both decrypt while rotation runs.
   * Answers null when the secret already uses the current KEK.
   */
  async rewrap(sealed: SealedSecret): Promise<SealedSecret | null> {
    const current = await this.keys.currentKekId();
    if (sealed.kekId === current) return null;
    const dataKey = Buffer.from(
      await this.keys.unwrap({ kekId: sealed.kekId, wrapped: sealed.wrappedKey }),
    );
    try {
      const wrapped = await this.keys.wrap(dataKey);
      return { ...sealed, kekId: wrapped.kekId, wrappedKey: wrapped.wrapped };
    } finally {
      dataKey.fill(0);
    }
  }
}
