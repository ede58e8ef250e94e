import type { Role } from '@bytelyst/trading-contracts';

/** Who is calling, taken only from a verified token; never from a body or query. */
export interface Principal {
  userId: string;
  tenantId: string;
  role: Role;
  sessionId: string;
  /** Seconds since epoch at which the token stops being valid. */
  expiresAt: number;
  kind: 'user' | 'service';
  /** An admin asked to see exactly what a customer sees. */
  preview: boolean;
}

/** The role that applies to this request: a previewing admin is treated as a user. */
export const effectiveRole = (p: Principal): Role => (p.preview ? 'user' : p.role);
