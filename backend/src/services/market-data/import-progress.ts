import { AppError, type ImportProgress } from '@bytelyst/trading-contracts';

export interface Owner {
  readonly tenantId: string;
  readonly userId: string;
}

/** How long a finished import's progress (with its report) can still be read. */
const KEEP_MS = 10 * 60_000;
/** Imports remembered per user; the oldest finished ones are forgotten first. */
const MAX_PER_USER = 20;

interface Entry {
  readonly owner: Owner;
  progress: ImportProgress;
  endedAt: number | null;
}

/**
 * Progress of the imports this instance runs, for a progress bar that polls while the file
 * uploads. In memory: a poll that lands on another instance answers NOT_FOUND and the client
 * keeps its own upload progress (docs/BACKTESTING.md).
 */
export class ImportProgressBoard {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  private static key(owner: Owner, id: string): string {
    return `${owner.tenantId}\u0000${owner.userId}\u0000${id}`;
  }

  /** Starts tracking an import; an id of mine still running is refused. */
  begin(owner: Owner, id: string, totalBytes: number | null): ImportProgress {
    this.sweep();
    const k = ImportProgressBoard.key(owner, id);
    const old = this.entries.get(k);
    if (old && old.endedAt === null)
      throw new AppError('CONFLICT', 'An import with this id is still running.');
    const progress: ImportProgress = {
      id,
      phase: 'receiving',
      bytes: 0,
      totalBytes,
      candles: 0,
      storedCandles: 0,
      report: null,
      error: null,
    };
    this.entries.delete(k);
    this.entries.set(k, { owner, progress, endedAt: null });
    const mine = [...this.entries.entries()].filter(
      ([, e]) => e.owner.tenantId === owner.tenantId && e.owner.userId === owner.userId,
    );
    for (const [key, e] of mine.slice(0, Math.max(0, mine.length - MAX_PER_USER)))
      if (e.endedAt !== null) this.entries.delete(key);
    return progress;
  }

  update(owner: Owner, id: string, patch: Partial<ImportProgress>): void {
    const e = this.entries.get(ImportProgressBoard.key(owner, id));
    if (!e) return;
    e.progress = { ...e.progress, ...patch };
    if (patch.phase === 'done' || patch.phase === 'failed') e.endedAt = this.now();
  }

  /** My import's progress; anyone else's answers exactly like a missing one. */
  get(owner: Owner, id: string): ImportProgress {
    this.sweep();
    const e = this.entries.get(ImportProgressBoard.key(owner, id));
    if (!e) throw new AppError('NOT_FOUND', 'No such import on this server.');
    return e.progress;
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, e] of this.entries)
      if (e.endedAt !== null && now - e.endedAt > KEEP_MS) this.entries.delete(k);
  }
}
