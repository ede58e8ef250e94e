import { createHash } from 'node:crypto';

/**
 * How the platform's revocation feed names a session: sha256 of its id, hex. The feed can be
 * public because a hash of a random session id is useless to anyone but a verifier holding a
 * token of that session.
 */
export const sessionKeyOf = (sessionId: string): string =>
  createHash('sha256').update(sessionId).digest('hex');
