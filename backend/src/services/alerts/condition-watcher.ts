import type { Logger } from 'pino';
import type { WatchedCondition } from '../../domain/alerts/conditions.js';
import type { AlertService } from './alert-service.js';

/**
 * Keeps one alert open per lasting condition (outages, the kill switch, maintenance, a disabled
 * tenant) on its own timer, off the trading loop: it reads snapshots the loop already keeps and
 * writes alert rows, nothing else. A condition raises after it has lasted its grace period, once
 * (the store refuses a second unresolved alert of the same tenant and source, so several
 * instances raise one between them); when it ends, its alert is resolved by `system`.
 */
export class ConditionWatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly firstSeen = new Map<string, number>();
  /** Last state written per condition; absent after a start, so the first pass syncs each. */
  private readonly written = new Map<string, 'raised' | 'clear'>();

  constructor(
    private readonly o: {
      alerts: AlertService;
      conditions: () => Promise<WatchedCondition[]> | WatchedCondition[];
      now: () => number;
      logger?: Pick<Logger, 'warn'> | undefined;
      intervalMs?: number | undefined;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.o.intervalMs ?? 5_000);
    this.timer.unref();
  }

  /** Safe to call twice; waits for a pass in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass; never overlaps itself and never throws. */
  tick(): Promise<void> {
    this.running ??= this.pass()
      .catch((err: unknown) => this.o.logger?.warn({ err }, 'condition watch pass failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async pass(): Promise<void> {
    const now = this.o.now();
    for (const c of await this.o.conditions()) {
      const key = `${c.tenantId ?? ''}|${c.source}`;
      if (c.active) {
        const first = this.firstSeen.get(key) ?? now;
        this.firstSeen.set(key, first);
        if (this.written.get(key) === 'raised' || now - first < c.graceMs) continue;
        try {
          // Null: one is already open (raised by another instance, or before a restart).
          await this.o.alerts.raise({ ...c.alert, source: c.source });
          this.written.set(key, 'raised');
        } catch (err) {
          this.o.logger?.warn({ err, source: c.source }, 'condition alert not raised');
        }
      } else {
        this.firstSeen.delete(key);
        if (this.written.get(key) === 'clear') continue;
        try {
          await this.o.alerts.resolveSource({ tenantId: c.tenantId, source: c.source });
          this.written.set(key, 'clear');
        } catch (err) {
          this.o.logger?.warn({ err, source: c.source }, 'condition alert not resolved');
        }
      }
    }
  }
}
