import type { Role } from '@bytelyst/trading-contracts';

/** Who is calling, taken only from a verified token; never from a body or query. */
export interface Principal {
  userId: string;
  tenantId: string;
  role: Role;
  sessionId: string;
  /** sha256 of the session id, as the platform's revocation feed names sessions. */
  sessionKey: string;
  /** Seconds since epoch at which the token stops being valid. */
  expiresAt: number;
  kind: 'user' | 'service';
  /**
   * Set while an admin previews a customer's view (`x-preview-as`): the admin's own user id.
   * `userId` is then the customer's, so reads are exactly theirs; every write is refused, and
   * audit rows name this real actor with the customer beside it.
   */
  previewBy: string | null;
  /** The previewing admin's own role (operator or tenant_admin), beside `previewBy`. */
  previewRole?: Role | undefined;
}

/** The role that applies to this request: a previewing admin is treated as a user. */
export const effectiveRole = (p: Principal): Role => (p.previewBy !== null ? 'user' : p.role);
