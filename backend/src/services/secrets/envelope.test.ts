import { describe, expect, it } from 'vitest';
import { newDataKey, openBytes, sealBytes } from './envelope.js';

describe('envelope sealing (AES-256-GCM)', () => {
  const plaintext = Buffer.from('api-secret-0123456789', 'utf8');

  it('opens what it sealed and keeps no plaintext in the sealed form', () => {
    const key = newDataKey();
    const sealed = sealBytes({ key, plaintext, aad: 't1/acc1' });
    expect(JSON.stringify(sealed)).not.toContain('api-secret');
    expect(openBytes({ key, sealed, aad: 't1/acc1' }).toString('utf8')).toBe(
      'api-secret-0123456789',
    );
  });

  it('uses a fresh IV each time, so equal secrets do not look equal', () => {
    const key = newDataKey();
    const a = sealBytes({ key, plaintext, aad: 'x' });
    const b = sealBytes({ key, plaintext, aad: 'x' });
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('refuses another key, another binding, or a changed byte', () => {
    const key = newDataKey();
    const sealed = sealBytes({ key, plaintext, aad: 't1/acc1' });
    expect(() => openBytes({ key: newDataKey(), sealed, aad: 't1/acc1' })).toThrow(/decrypted/);
    expect(() => openBytes({ key, sealed, aad: 't2/acc1' })).toThrow(/decrypted/);
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const tampered = { ...sealed, ciphertext: bytes.toString('base64') };
    expect(() => openBytes({ key, sealed: tampered, aad: 't1/acc1' })).toThrow(/decrypted/);
  });
});
