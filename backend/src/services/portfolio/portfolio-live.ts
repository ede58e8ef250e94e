import type { Portfolio, PriceTick, TradingProfile } from '@bytelyst/trading-contracts';
import type { EngineEvents } from '../../engine/events.js';
import type { PositionsView } from '../positions-view.js';
import type { MarkBook } from './mark-book.js';
import type { PortfolioService } from './portfolio-service.js';

/**
 * Keeps every connected user's books live: marks follow the market's prices, and a user whose
 * positions' marks moved (or whose ledger moved) gets a `portfolio` event with their account
 * revalued. Kept cheap: revaluation is paced by the engine clock (at most once per `everyMs`, and
 * at once after a ledger change), and only users holding a moved symbol are revalued.
 */
export class PortfolioLive {
  private readonly dirtySymbols = new Set<string>();
  private readonly dirtyProfiles = new Map<string, Set<string>>();
  private lastFlush = -Infinity;
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly o: {
      events: EngineEvents;
      portfolio: PortfolioService;
      marks: MarkBook;
      positions: PositionsView;
      profiles: (tenantId: string) => Promise<TradingProfile[]>;
      publish: (target: { tenantId: string; userId: string }, payload: Portfolio) => void;
      /** Tenants whose loops run here (the only ones whose changes this instance hears of). */
      owned: () => readonly string[];
      now: () => number;
      everyMs: number;
      onError?: (err: unknown) => void;
    },
  ) {}

  start(): () => void {
    const offPrice = this.o.events.on('price', (t) => this.onPrice(t));
    const offLedger = this.o.events.on('ledger', (e) => {
      this.o.portfolio.onLedger(e.tenantId, e.profileIds);
      let set = this.dirtyProfiles.get(e.tenantId);
      if (!set) this.dirtyProfiles.set(e.tenantId, (set = new Set()));
      for (const id of e.profileIds) set.add(id);
      this.schedule();
    });
    return () => {
      offPrice();
      offLedger();
    };
  }

  private onPrice(t: PriceTick): void {
    if (!this.o.marks.onPrice(t)) return;
    this.dirtySymbols.add(t.symbol);
    if (this.o.now() - this.lastFlush >= this.o.everyMs) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.flushing
        .then(() => this.flush())
        .catch((err: unknown) => this.o.onError?.(err));
    });
  }

  /** Resolves when the revaluations queued so far were published (tests, the bench). */
  async idle(): Promise<void> {
    while (this.scheduled) await new Promise((r) => setImmediate(r));
    await this.flushing;
  }

  private async flush(): Promise<void> {
    this.lastFlush = this.o.now();
    const symbols = new Set(this.dirtySymbols);
    this.dirtySymbols.clear();
    const profilesMoved = new Map(this.dirtyProfiles);
    this.dirtyProfiles.clear();
    for (const tenantId of this.o.owned()) {
      const moved = profilesMoved.get(tenantId);
      // Mid-step the engine's books may hold a fill not yet committed: this tenant's users are
      // revalued next time, from settled books.
      if (!this.o.portfolio.settled(tenantId)) {
        for (const s of symbols) this.dirtySymbols.add(s);
        if (moved) this.dirtyProfiles.set(tenantId, new Set(moved));
        continue;
      }
      const open = await this.o.positions.open(tenantId);
      const touched = new Set<string>(moved);
      for (const p of open) if (symbols.has(p.symbol)) touched.add(p.profileId);
      if (touched.size === 0) continue;
      const all = await this.o.profiles(tenantId);
      const users = new Set<string>();
      for (const p of all) if (touched.has(p.id)) users.add(p.userId);
      const accounts = new Map<string, string[]>();
      for (const p of all) {
        if (!users.has(p.userId)) continue;
        let ids = accounts.get(p.userId);
        if (!ids) accounts.set(p.userId, (ids = []));
        ids.push(p.id);
      }
      const valued = await this.o.portfolio.valueAccounts(tenantId, accounts);
      for (const [userId, v] of valued) this.o.publish({ tenantId, userId }, v.portfolio);
    }
  }
}
