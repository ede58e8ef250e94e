import type { Position } from '@bytelyst/trading-contracts';
import type { EngineEvent } from '../engine/index.js';
import { tenantScope, type Store } from '../ports/store.js';

const isOpen = (p: Position) => !/^-?0(\.0+)?$/.test(p.quantity);

/**
 * Open positions of the tenants this instance trades, kept in memory from the store (once) and the
 * engine's committed position events (after that). Tenants traded elsewhere are read from the
 * store, which is always the truth; this view only saves the round trip for the owner.
 *
 * Positions are held frozen: the same objects answer many requests, and the response serializer
 * remembers the checked text of a frozen item instead of checking it again on every request.
 */
export class PositionsView {
  private readonly byTenant = new Map<string, Map<string, Position>>();
  private readonly loading = new Map<string, Promise<Map<string, Position>>>();
  /** Keys an event touched while the tenant was loading: the event is newer than the read. */
  private readonly touched = new Map<string, Set<string>>();

  constructor(private readonly o: { store: Store; owns: (tenantId: string) => boolean }) {}

  onEngineEvent(e: EngineEvent): void {
    if (e.name !== 'position') return;
    const view = this.byTenant.get(e.tenantId);
    if (!view) return;
    const key = `${e.payload.profileId}|${e.payload.symbol}`;
    this.touched.get(e.tenantId)?.add(key);
    if (isOpen(e.payload)) view.set(key, Object.freeze({ ...e.payload }));
    else view.delete(key);
  }

  /** Forget a tenant (its lease moved elsewhere, or it stopped). */
  drop(tenantId: string): void {
    this.byTenant.delete(tenantId);
    this.loading.delete(tenantId);
    this.touched.delete(tenantId);
  }

  async open(tenantId: string, profileId?: string): Promise<Position[]> {
    if (!this.o.owns(tenantId)) {
      this.drop(tenantId);
      return this.o.store.listPositions(tenantScope(tenantId), { profileId, openOnly: true });
    }
    const view = this.loading.get(tenantId)
      ? await this.load(tenantId)
      : (this.byTenant.get(tenantId) ?? (await this.load(tenantId)));
    const all = [...view.values()];
    return profileId ? all.filter((p) => p.profileId === profileId) : all;
  }

  private load(tenantId: string): Promise<Map<string, Position>> {
    let p = this.loading.get(tenantId);
    if (!p) {
      // The view exists before the read so events during the read are applied, and win over it.
      const view = new Map<string, Position>();
      const touched = new Set<string>();
      this.byTenant.set(tenantId, view);
      this.touched.set(tenantId, touched);
      p = this.o.store.listPositions(tenantScope(tenantId), { openOnly: true }).then((rows) => {
        for (const r of rows) {
          const key = `${r.profileId}|${r.symbol}`;
          if (!touched.has(key)) view.set(key, Object.freeze(r));
        }
        this.touched.delete(tenantId);
        this.loading.delete(tenantId);
        return view;
      });
      p.catch(() => this.drop(tenantId));
      this.loading.set(tenantId, p);
    }
    return p;
  }
}
