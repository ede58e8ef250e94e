import {
  AppError,
  DYNAMIC_CONFIG_SCHEMAS,
  parseDynamicConfigValue,
  type Actor,
  type DynamicConfigEntry,
  type DynamicConfigKey,
  type DynamicConfigValue,
  type PutDynamicConfigBody,
} from '@bytelyst/trading-contracts';
import type { Logger } from 'pino';
import type { ChangeBus } from '../ports/change-bus.js';
import type { Store } from '../ports/store.js';
import type { AuditService } from './audit-service.js';
import type { Publisher } from './publisher.js';

/**
 * Dynamic config: validated per key, versioned with optimistic concurrency in the store, cached
 * here, refreshed on a timer and on a change notification from any instance.
 */
export class ConfigService {
  private entries = new Map<DynamicConfigKey, DynamicConfigEntry>();
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(entries: DynamicConfigEntry[]) => void>();

  constructor(
    private readonly deps: {
      store: Store;
      audit: AuditService;
      publisher: Publisher;
      bus: ChangeBus;
      logger: Logger;
      refreshMs: number;
    },
  ) {
    deps.bus.subscribe((topic) => {
      if (topic === 'config') void this.refresh();
    });
  }

  start(): void {
    this.timer = setInterval(() => void this.refresh(), this.deps.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  onChange(listener: (entries: DynamicConfigEntry[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async refresh(): Promise<void> {
    try {
      const rows = await this.deps.store.listConfig();
      const changed =
        rows.length !== this.entries.size ||
        rows.some((r) => this.entries.get(r.key)?.version !== r.version);
      this.entries = new Map(rows.map((r) => [r.key, r]));
      if (changed) for (const l of this.listeners) l(rows);
    } catch (err) {
      // Keep serving the last known values; readiness reports the database separately.
      this.deps.logger.warn({ err }, 'dynamic config refresh failed');
    }
  }

  list(): DynamicConfigEntry[] {
    // A key a later build retired (e.g. flags.mobile.interventions) stays in the table but is
    // no longer part of the contract: it is not listed, so the response still validates.
    return [...this.entries.values()]
      .filter((e) => Object.hasOwn(DYNAMIC_CONFIG_SCHEMAS, e.key))
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  get<K extends DynamicConfigKey>(key: K): DynamicConfigValue<K> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const parsed = DYNAMIC_CONFIG_SCHEMAS[key].safeParse(entry.value);
    return parsed.success ? (parsed.data as DynamicConfigValue<K>) : undefined;
  }

  async put(input: {
    body: PutDynamicConfigBody;
    actor: Actor;
    requestId: string;
  }): Promise<DynamicConfigEntry> {
    const { body, actor, requestId } = input;
    const parsed = parseDynamicConfigValue(body.key, body.value);
    if (!parsed.success) {
      throw new AppError('VALIDATION_FAILED', `The value is not valid for ${body.key}.`, {
        details: {
          issues: parsed.error.issues.map((i) => ({
            path: ['body', 'value', ...i.path].join('.'),
            message: i.message,
          })),
        },
      });
    }
    const result = await this.deps.store.withTransaction(async (tx) => {
      await tx.notifyChange('config');
      const change = await tx.putConfig({
        key: body.key,
        value: parsed.data,
        expectedVersion: body.expectedVersion,
        actor,
      });
      const row = await this.deps.audit.recordIn(tx, {
        actor,
        tenantId: null,
        action: 'config.set',
        target: `config:${body.key}`,
        before: change.before
          ? { value: change.before.value, version: change.before.version }
          : null,
        after: { value: change.after.value, version: change.after.version },
        reason: body.reason,
        requestId,
      });
      return { change, row };
    });
    this.deps.audit.publish(result.row);
    this.deps.publisher.toAdmins('config', result.change.after);
    // Traders only learn that a flag they can read anyway changed (so their surface refetches
    // it), never other keys nor which operator changed it.
    if (result.change.after.key.startsWith('flags.'))
      this.deps.publisher.toAllTraders('config', { ...result.change.after, updatedBy: null });
    await this.refresh();
    await this.deps.bus.announce('config');
    return result.change.after;
  }
}
