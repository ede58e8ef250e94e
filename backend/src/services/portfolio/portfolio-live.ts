import type { Portfolio, PriceTick, TradingProfile } from '@bytelyst/trading-contracts';
import type { EngineEvents } from '../../engine/events.js';
import type { PositionsView } from '../positions-view.js';
import type { MarkBook } from './mark-book.js';
import type { PortfolioService } from './portfolio-service.js';

/**
 * Keeps every connected user's books live: marks follow the market's prices, and a user whose
 * positions' marks moved (or whose ledger moved) gets a `portfolio` event with their account
 * revalued. Kept cheap: only users with a socket open (`watching`) are revalued, and only those
 * holding a moved symbol or whose ledger moved; revaluation is paced by the engine clock, at most
 * once per `everyMs` whatever moved (a ledger change inside the interval waits for its end), so
 * each user gets at most one push per interval, valued at its end (the latest wins).
 */
export class PortfolioLive {
  private readonly dirtySymbols = new Set<string>();
  private readonly dirtyProfiles = new Map<string, Set<string>>();
  private lastFlush = -Infinity;
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  /** Per tenant and user, the profiles' books of the last push (unchanged: no push). */
  private readonly pushed = new Map<string, Map<string, readonly object[]>>();

  constructor(
    private readonly o: {
      events: EngineEvents;
      portfolio: PortfolioService;
      marks: MarkBook;
      positions: PositionsView;
      profiles: (tenantId: string) => Promise<TradingProfile[]>;
      publish: (target: { tenantId: string; userId: string }, payload: Portfolio) => void;
      /** Users of a tenant with a socket open (the gateway's presence); absent: every user. */
      watching?: (tenantId: string) => ReadonlySet<string>;
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
      this.paced();
    });
    return () => {
      offPrice();
      offLedger();
      clearTimeout(this.timer);
      this.timer = undefined;
    };
  }

  private onPrice(t: PriceTick): void {
    if (!this.o.marks.onPrice(t)) return;
    this.dirtySymbols.add(t.symbol);
    this.paced();
  }

  /** Flushes now if the interval since the last flush is over, else once it is. */
  private paced(): void {
    const wait = this.o.everyMs - (this.o.now() - this.lastFlush);
    if (wait <= 0) return this.schedule();
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.schedule();
    }, wait);
    this.timer.unref();
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
      const watching = this.o.watching?.(tenantId);
      // Nobody is looking: nothing to push (a socket that opens later starts from REST).
      if (watching?.size === 0) {
        this.pushed.delete(tenantId);
        continue;
      }
      // Mid-step the engine's books may hold a fill not yet committed: this tenant's users are
      // revalued next time, from settled books.
      if (!this.o.portfolio.settled(tenantId)) {
        for (const s of symbols) this.dirtySymbols.add(s);
        if (moved) this.dirtyProfiles.set(tenantId, new Set(moved));
        continue;
      }
      if (symbols.size === 0 && !moved) continue;
      const byUser = accountsOf(await this.o.profiles(tenantId));
      let accounts: Map<string, readonly string[]> = byUser;
      if (watching) {
        accounts = new Map();
        for (const u of watching) {
          const ids = byUser.get(u);
          if (ids) accounts.set(u, ids);
        }
      }
      let since = this.pushed.get(tenantId);
      if (!since) this.pushed.set(tenantId, (since = new Map<string, readonly object[]>()));
      // Forget who left: their next socket starts from REST, and the next push is whole again.
      for (const u of since.keys()) if (!accounts.has(u)) since.delete(u);
      const valued = await this.o.portfolio.valueAccounts(tenantId, accounts, since);
      for (const [userId, v] of valued) this.o.publish({ tenantId, userId }, v.portfolio);
    }
  }
}

const accountIndex = new WeakMap<readonly TradingProfile[], Map<string, string[]>>();

/** Each user's profile ids (an account), kept while the directory's list is the same. */
function accountsOf(profiles: readonly TradingProfile[]): Map<string, string[]> {
  let byUser = accountIndex.get(profiles);
  if (!byUser) {
    byUser = new Map();
    for (const p of profiles) {
      let ids = byUser.get(p.userId);
      if (!ids) byUser.set(p.userId, (ids = []));
      ids.push(p.id);
    }
    accountIndex.set(profiles, byUser);
  }
  return byUser;
}
