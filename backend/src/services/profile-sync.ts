import type { TradingEngine } from '../engine/index.js';
import { tenantScope, type Store } from '../ports/store.js';

/**
 * After any instance changed profiles, the loop owner re-reads its tenants' profiles from the
 * database (the truth) and hands them to the engine; profiles gone from the store are removed.
 */
export class ProfileSync {
  private readonly known = new Map<string, Set<string>>();

  constructor(private readonly o: { store: Store; engine: TradingEngine }) {}

  async sync(tenantIds: readonly string[]): Promise<void> {
    for (const tenantId of tenantIds) {
      const profiles = await this.o.store.listProfiles(tenantScope(tenantId));
      const ids = new Set(profiles.map((p) => p.id));
      for (const p of profiles) this.o.engine.upsertProfile(p);
      for (const old of this.known.get(tenantId) ?? [])
        if (!ids.has(old)) this.o.engine.removeProfile(tenantId, old);
      this.known.set(tenantId, ids);
    }
  }
}
