import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '@bytelyst/trading-contracts';

/**
 * AES-256-GCM sealing of one secret with one data key. Each secret has its own data key, so
 * rotating the key-encryption key only re-wraps 32 bytes per secret and never touches the
 * ciphertext. `aad` binds a ciphertext to where it is stored (tenant and account), so a row
 * copied to another tenant does not open.
 */
export interface SealedBytes {
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

const IV_BYTES = 12;
export const DATA_KEY_BYTES = 32;

export const newDataKey = (): Buffer => randomBytes(DATA_KEY_BYTES);

export function sealBytes(options: {
  key: Uint8Array;
  plaintext: Uint8Array;
  aad: string;
}): SealedBytes {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', options.key, iv);
  cipher.setAAD(Buffer.from(options.aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(options.plaintext), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

export function openBytes(options: { key: Uint8Array; sealed: SealedBytes; aad: string }): Buffer {
  const { sealed } = options;
  try {
    const decipher = createDecipheriv('aes-256-gcm', options.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(options.aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
      decipher.final(),
    ]);
  } catch (cause) {
    // GCM says only "unable to authenticate"; which of key, tag or aad was wrong is not knowable.
    throw new AppError('INTERNAL', 'A stored secret could not be decrypted.', { cause });
  }
}
