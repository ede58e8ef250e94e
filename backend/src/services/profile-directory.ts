import type { TradingProfile } from '@bytelyst/trading-contracts';
import type { ChangeBus } from '../ports/change-bus.js';
import { tenantScope, type Store } from '../ports/store.js';

/**
 * Every request asks "which profiles may this caller see"; answering from the database each time
 * made the hot read paths database-bound. This caches each tenant's profile list and drops it on
 * any profile change announced on the change bus (from this or another instance).
 */
export class ProfileDirectory {
  private readonly cache = new Map<string, Promise<TradingProfile[]>>();

  constructor(private readonly o: { store: Store; bus: ChangeBus }) {
    o.bus.subscribe((topic) => {
      if (topic === 'profiles' || topic === 'tenants') this.cache.clear();
    });
  }

  profiles(tenantId: string): Promise<TradingProfile[]> {
    let p = this.cache.get(tenantId);
    if (!p) {
      p = this.o.store.listProfiles(tenantScope(tenantId));
      this.cache.set(tenantId, p);
      // A failed read must not stick: the next caller retries.
      p.catch(() => this.cache.delete(tenantId));
    }
    return p;
  }

  invalidate(tenantId: string): void {
    this.cache.delete(tenantId);
  }
}
