/** Sessions the platform ended (sign-out, revoke, reuse, reset, disabled user or tenant). */
export interface RevocationSource {
  start(): void;
  /** `sessionKey` is sha256 of the session id, hex (see api/auth/session-key.ts). */
  isRevoked(sessionKey: string): boolean;
  /** Called with the keys newly learnt, so open sockets of those sessions can be ended. */
  onRevoked(listener: (sessionKeys: readonly string[]) => void): () => void;
  dispose(): Promise<void>;
}

/** For processes and tests without a platform: nothing is ever revoked. */
export const noRevocations: RevocationSource = {
  start: () => undefined,
  isRevoked: () => false,
  onRevoked: () => () => undefined,
  dispose: async () => undefined,
};
