import type { TradingProfile } from '@bytelyst/trading-contracts';
import type { ApiDeps } from './deps.js';

/**
 * After a profile write: this instance's directory drops the tenant at once (a read right after
 * the write must see it), other instances hear it on the bus, and the owner's and the tenant
 * admins' open screens are told to refetch it (the socket adapter reaches every instance).
 */
export async function announceProfileChange(
  deps: Pick<ApiDeps, 'profiles' | 'bus' | 'publisher'>,
  profile: Pick<TradingProfile, 'id' | 'tenantId' | 'userId'>,
  o: { removed: boolean; at: string },
): Promise<void> {
  deps.profiles.invalidate(profile.tenantId);
  await deps.bus.publish('profiles');
  const payload = {
    tenantId: profile.tenantId,
    profileId: profile.id,
    userId: profile.userId,
    removed: o.removed,
    at: o.at,
  };
  deps.publisher.toUser(
    { tenantId: profile.tenantId, userId: profile.userId },
    'profile_changed',
    payload,
  );
  deps.publisher.toAdmins('profile_changed', payload);
}
