/**
 * Where key-encryption keys (KEKs) live. Secrets are sealed with their own data keys; only the
 * data keys pass through here, to be wrapped or unwrapped. A local key file is the default
 * adapter; a cloud KMS implements the same three calls (its "wrap" is KMS Encrypt, "unwrap" is
 * Decrypt), so no raw KEK ever has to leave the provider.
 */
export interface WrappedDataKey {
  /** The KEK that wrapped it; unwrap asks the provider for exactly this key. */
  readonly kekId: string;
  /** Opaque to callers (base64). */
  readonly wrapped: string;
}

export interface KeyProvider {
  /** The KEK new data keys are wrapped with. */
  currentKekId(): Promise<string>;
  wrap(dataKey: Uint8Array): Promise<WrappedDataKey>;
  /** Works for every KEK the provider still holds, current or retired, so rotation needs no pause. */
  unwrap(key: WrappedDataKey): Promise<Uint8Array>;
  /** Makes a new KEK current; older ones keep unwrapping until `retire` drops them. */
  rotate(): Promise<string>;
  /** Drops every KEK except the current one (after all data keys are re-wrapped). */
  retire(): Promise<readonly string[]>;
}
