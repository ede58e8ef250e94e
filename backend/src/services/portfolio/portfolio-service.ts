import type { Portfolio, Position, ProfileBooks } from '@bytelyst/trading-contracts';
import { parseFixed } from '../../domain/money/fixed.js';
import {
  type BooksFixed,
  type Holding,
  type LedgerBooks,
  type Mark,
  type MarkRule,
  type MarkText,
  markText,
  addBalance,
  addBooks,
  booksToContract,
  emptyBooks,
  emptyLedgerBooks,
  holdingOf,
  markedPosition,
  type ValuedHolding,
  valueBooks,
  valueHolding,
} from '../../domain/portfolio/valuation.js';
import { tenantScope, type Store } from '../../ports/store.js';
import type { PositionsView } from '../positions-view.js';
import type { MarkBook } from './mark-book.js';

type Balances = ReadonlyMap<string, LedgerBooks>;

const NONE: readonly string[] = [];
const EMPTY_LEDGER: LedgerBooks = Object.freeze(emptyLedgerBooks());

interface MarkedHolding {
  readonly holding: Holding;
  readonly mark: Mark | null;
  readonly valued: ValuedHolding;
  readonly row: Position;
}

interface ValuedProfile {
  readonly ledger: LedgerBooks;
  readonly held: readonly MarkedHolding[];
  readonly books: BooksFixed;
  readonly contract: ProfileBooks;
}

const sameLedger = (a: LedgerBooks, b: LedgerBooks) =>
  a.capital === b.capital &&
  a.cash === b.cash &&
  a.positionsCost === b.positionsCost &&
  a.fees === b.fees &&
  a.realized === b.realized;

const sameHeld = (a: readonly MarkedHolding[], b: readonly MarkedHolding[]) =>
  a.length === b.length && a.every((h, i) => h === b[i]);

export interface Valuation {
  readonly portfolio: Portfolio;
  /** The account's books before formatting (the equity series ends on this). */
  readonly account: BooksFixed;
}

/**
 * The books as every surface reads them: the ledger's balances per profile plus the positions it
 * booked, valued at the MarkBook's marks by the domain's valuation (one computation for REST,
 * the socket and the equity series). Balances of tenants this instance trades are cached and
 * dropped whenever the engine commits ledger entries; other tenants are read every time, since
 * no event tells this instance when their ledger moves.
 */
export class PortfolioService {
  private readonly balances = new Map<string, Promise<Balances>>();
  // A position row is frozen and reused until it changes: parse its quantity and cost once.
  private readonly holdings = new WeakMap<Position, Holding>();
  // The last valuation of each holding and profile, reused while nothing it depends on moved:
  // most rows of a push are unchanged, and formatting decimals is most of a valuation's cost.
  private readonly marked = new WeakMap<Holding, MarkedHolding>();
  private readonly profileBooks = new Map<string, Map<string, ValuedProfile>>();
  private readonly markTexts = new WeakMap<Mark, MarkText>();

  constructor(
    private readonly o: {
      store: Store;
      positions: PositionsView;
      marks: MarkBook;
      owns: (tenantId: string) => boolean;
      now: () => number;
      staleAfterMs: number;
      /**
       * The engine's settled books of the profiles it trades for a tenant running here (null
       * while it is mid-step): the same balances it journals, without a database read.
       */
      settledBooks?: (
        tenantId: string,
        only?: readonly string[],
      ) => ReadonlyMap<string, LedgerBooks> | null;
    },
  ) {}

  get staleAfterMs(): number {
    return this.o.staleAfterMs;
  }

  /**
   * The ledger of these profiles moved. Balances read from the database are dropped, unless
   * every profile that moved is one the engine's settled books cover (then the read copy is
   * only used for the others, whose ledger did not move).
   */
  onLedger(tenantId: string, profileIds: readonly string[] = []): void {
    const settled = this.o.settledBooks?.(tenantId, profileIds);
    if (settled && profileIds.length > 0 && profileIds.every((id) => settled.has(id))) return;
    this.balances.delete(tenantId);
  }

  /** True when the engine can answer for this tenant now (it runs here and is between steps). */
  settled(tenantId: string): boolean {
    return this.o.owns(tenantId) && (this.o.settledBooks?.(tenantId, NONE) ?? null) !== null;
  }

  drop(tenantId: string): void {
    this.balances.delete(tenantId);
    this.profileBooks.delete(tenantId);
  }

  private readBalances(tenantId: string): Promise<Balances> {
    return this.o.store.ledgerBalances(tenantScope(tenantId)).then((rows) => {
      const out = new Map<string, LedgerBooks>();
      for (const r of rows) {
        let b = out.get(r.profileId);
        if (!b) out.set(r.profileId, (b = emptyLedgerBooks()));
        addBalance(b, r.account, parseFixed(r.balance));
      }
      return out;
    });
  }

  /** Balances of these profiles: the engine's settled books where it has them, else the read. */
  private async balancesOf(
    tenantId: string,
    wanted: readonly string[],
  ): Promise<(id: string) => LedgerBooks | undefined> {
    if (!this.o.owns(tenantId)) {
      const read = await this.readBalances(tenantId);
      return (id) => read.get(id);
    }
    const read = await this.cachedBalances(tenantId);
    const settled = this.o.settledBooks?.(tenantId, wanted);
    if (!settled) return (id) => read.get(id);
    return (id) => settled.get(id) ?? read.get(id);
  }

  private cachedBalances(tenantId: string): Promise<Balances> {
    let p = this.balances.get(tenantId);
    if (!p) {
      const read = this.readBalances(tenantId);
      read.catch(() => {
        if (this.balances.get(tenantId) === read) this.balances.delete(tenantId);
      });
      this.balances.set(tenantId, read);
      p = read;
    }
    return p;
  }

  private holding(p: Position): Holding {
    let h = this.holdings.get(p);
    if (!h) {
      h = holdingOf(p);
      if (Object.isFrozen(p)) this.holdings.set(p, h);
    }
    return h;
  }

  rule(): MarkRule {
    return { now: this.o.now(), staleAfterMs: this.o.staleAfterMs };
  }

  /** One position at its live mark (for a position event the engine emits). */
  mark(p: Position): Position {
    return markedPosition(this.holding(p), this.o.marks.get(p.symbol), this.rule());
  }

  /** Open positions of a tenant at their live marks, optionally of one profile. */
  async positions(tenantId: string, profileId?: string): Promise<Position[]> {
    const rows = await this.o.positions.open(tenantId, profileId);
    const rule = this.rule();
    return rows.map((p) => this.markedHolding(p, rule).row);
  }

  /** A position at its mark now; the previous answer while its mark and staleness are the same. */
  private markedHolding(p: Position, rule: MarkRule): MarkedHolding {
    const holding = this.holding(p);
    const mark = this.o.marks.get(p.symbol);
    const last = this.marked.get(holding);
    const stale = mark ? rule.now - mark.at > rule.staleAfterMs : true;
    if (last && last.mark === mark && last.valued.stale === stale) return last;
    const m: MarkedHolding = {
      holding,
      mark,
      valued: valueHolding(holding, mark, rule),
      row: markedPosition(holding, mark, rule, mark ? this.markTextOf(mark) : null),
    };
    this.marked.set(holding, m);
    return m;
  }

  private markTextOf(mark: Mark): MarkText {
    let t = this.markTexts.get(mark);
    if (!t) this.markTexts.set(mark, (t = markText(mark)));
    return t;
  }

  /** A profile's books; the previous answer while its ledger and its holdings' values held. */
  private valuedProfile(
    tenantId: string,
    id: string,
    ledger: LedgerBooks,
    held: readonly MarkedHolding[],
  ): ValuedProfile {
    let cache = this.profileBooks.get(tenantId);
    if (!cache) this.profileBooks.set(tenantId, (cache = new Map<string, ValuedProfile>()));
    const last = cache.get(id);
    if (last && sameLedger(last.ledger, ledger) && sameHeld(last.held, held)) return last;
    const books = valueBooks(ledger, held);
    const v: ValuedProfile = {
      ledger: { ...ledger },
      held,
      books,
      contract: { profileId: id, ...booksToContract(books, last) },
    };
    cache.set(id, v);
    return v;
  }

  /**
   * The books of the given profiles (an account: every profile a user owns, or all of a tenant's
   * for an admin), each valued at the marks now, and their sum.
   */
  async value(tenantId: string, profileIds: readonly string[]): Promise<Valuation> {
    const one = await this.valueAccounts(tenantId, new Map([['', profileIds]]));
    const v = one.get('');
    if (!v) throw new Error('valuation missing');
    return v;
  }

  /**
   * Several accounts of one tenant at one instant (the live push: every user holding a moved
   * symbol): balances, positions and each profile's books are read and valued once, whatever
   * the number of accounts.
   */
  async valueAccounts<K>(
    tenantId: string,
    accounts: ReadonlyMap<K, readonly string[]>,
    /**
     * The profiles' books each account was last valued from (the live push keeps it): an
     * account none of whose books changed since is left out of the answer, and it is updated.
     */
    since?: Map<K, readonly object[]>,
  ): Promise<Map<K, Valuation>> {
    const wanted = new Set<string>();
    for (const ids of accounts.values()) for (const id of ids) wanted.add(id);
    const [balanceOf, open] = await Promise.all([
      this.balancesOf(tenantId, [...wanted]),
      this.o.positions.open(tenantId),
    ]);
    const rule = this.rule();
    const held = new Map<string, MarkedHolding[]>();
    for (const p of open) {
      if (!wanted.has(p.profileId)) continue;
      let list = held.get(p.profileId);
      if (!list) held.set(p.profileId, (list = []));
      list.push(this.markedHolding(p, rule));
    }
    const perProfile = new Map<string, ValuedProfile>();
    for (const id of wanted)
      perProfile.set(
        id,
        this.valuedProfile(tenantId, id, balanceOf(id) ?? EMPTY_LEDGER, held.get(id) ?? []),
      );
    const at = new Date(rule.now).toISOString();
    const out = new Map<K, Valuation>();
    for (const [key, ids] of accounts) {
      if (since) {
        const now = ids.map((id) => perProfile.get(id)).filter((v) => v !== undefined);
        const before = since.get(key);
        if (before && before.length === now.length && before.every((v, i) => v === now[i]))
          continue;
        since.set(key, now);
      }
      const account = emptyBooks();
      const profiles: ProfileBooks[] = [];
      const positions: Position[] = [];
      for (const id of ids) {
        const p = perProfile.get(id);
        if (!p) continue;
        addBooks(account, p.books);
        profiles.push(p.contract);
        for (const h of held.get(id) ?? []) positions.push(h.row);
      }
      out.set(key, {
        account,
        portfolio: {
          at,
          markRule: 'last-trade',
          staleAfterMs: rule.staleAfterMs,
          account: booksToContract(account),
          profiles,
          positions,
        },
      });
    }
    return out;
  }
}
