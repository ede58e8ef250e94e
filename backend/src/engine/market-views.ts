import type { Instrument } from '@bytelyst/trading-contracts';
import { isOpen } from '../domain/orders/order.js';
import type { MarketDataFeed, MarketEvent, MarketFeedProvider } from '../ports/market-data.js';
import type { EngineContext } from './context.js';
import {
  type ProfileRuntime,
  type TenantRuntime,
  rebuildSlots,
  refreshFloatCopies,
} from './runtime.js';
import { SlotIndex } from './slot-index.js';

/**
 * One market the engine follows: the default feed, or a venue's. Each keeps the slots that
 * trade on it, its last tick times and its instruments, so a BTC-USD candle of the simulator
 * never reaches a profile trading BTC-USD on a venue, and the venue's staleness is its own.
 */
export interface MarketView {
  readonly feed: MarketDataFeed;
  readonly lastTickAt: Map<string, number>;
  readonly instruments: Map<string, Instrument>;
  readonly slots: SlotIndex;
  unsubscribe: (() => void) | null;
}

/**
 * Which market each profile trades on. Without a provider every profile trades on the default
 * feed (backtests, the paper demo). With one, a profile is on no market until its provider
 * answered (no candles reach it and its data counts as stale, so it cannot enter on another
 * market's prices), then on the feed it was given.
 */
export class MarketViews {
  readonly default: MarketView;
  private readonly byFeed = new Map<MarketDataFeed, MarketView>();
  private readonly ofProfile = new Map<string, MarketView>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly o: {
      provider: MarketFeedProvider | undefined;
      onEvent: (view: MarketView, e: MarketEvent) => void;
    },
  ) {
    this.default = {
      feed: ctx.market,
      lastTickAt: ctx.lastTickAt,
      instruments: ctx.instruments,
      slots: new SlotIndex(),
      unsubscribe: null,
    };
    this.byFeed.set(ctx.market, this.default);
  }

  /** Follows the default feed (the others are followed as profiles are put on them). */
  start(): void {
    const d = this.default;
    d.unsubscribe ??= d.feed.subscribe((e) => this.o.onEvent(d, e));
  }

  stop(): void {
    for (const v of this.byFeed.values()) {
      v.unsubscribe?.();
      v.unsubscribe = null;
    }
  }

  /** The market of a profile; null while its provider has not answered. */
  viewOf(rt: ProfileRuntime): MarketView | null {
    if (!this.o.provider) return this.default;
    return this.ofProfile.get(rt.profile.id) ?? null;
  }

  all(): Iterable<MarketView> {
    return this.byFeed.values();
  }

  /**
   * Asks the provider which market the profile trades on and puts its slots on it: built from
   * that market's instruments (tick, lot, minimum notional), with open orders kept.
   */
  async assign(tenant: TenantRuntime, rt: ProfileRuntime): Promise<void> {
    if (!this.o.provider) return;
    const feed = (await this.o.provider(rt.profile)) ?? this.ctx.market;
    const view = this.viewFor(feed);
    this.ofProfile.set(rt.profile.id, view);
    this.ctx.profileTicks?.set(rt.profile.id, view.lastTickAt);
    if (view === this.default) return;
    rebuildSlots(rt, view.instruments, this.ctx.models);
    for (const order of tenant.orders.values()) {
      const slot = order.profileId === rt.profile.id ? rt.slots.get(order.symbol) : undefined;
      if (slot && isOpen(order)) slot.pending = order;
    }
    refreshFloatCopies(rt);
  }

  forget(profileId: string): void {
    this.ofProfile.delete(profileId);
    this.ctx.profileTicks?.delete(profileId);
  }

  private viewFor(feed: MarketDataFeed): MarketView {
    let view = this.byFeed.get(feed);
    if (view) return view;
    const created: MarketView = {
      feed,
      lastTickAt: new Map(),
      instruments: new Map(feed.instruments().map((i) => [i.symbol, i])),
      slots: new SlotIndex(),
      unsubscribe: null,
    };
    created.unsubscribe = feed.subscribe((e) => this.o.onEvent(created, e));
    this.byFeed.set(feed, created);
    view = created;
    return view;
  }
}
