/** A secret as the store keeps it, sealed (see services/secrets/secret-vault.ts). */
export interface StoredSealedSecret {
  readonly kekId: string;
  readonly wrappedKey: string;
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}
