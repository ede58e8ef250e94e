import { AppError, type SearchStatus, type SearchTrial } from '@bytelyst/trading-contracts';
import type {
  SearchPlan,
  SearchResult,
  SearchStore,
  StoredSearch,
  StoredTrial,
  TrialLight,
} from '../../ports/search-store.js';
import type { TenantScope } from '../../ports/store.js';
import { type Row, type SqlDriver, toAppError } from './driver.js';
import { iso, isoOrNull, json, jsonParam, str, strOrNull } from './row.js';

const SEARCH_COLUMNS = `s.tenant_id, s.id, s.user_id, s.request, s.plan, s.status, s.total_trials,
  s.skipped_combos, s.error, s.result, s.created_at, s.finished_at,
  (SELECT count(*) FROM search_trials t WHERE t.tenant_id = s.tenant_id AND t.search_id = s.id)
    AS finished_trials,
  (SELECT count(*) FROM search_trials t WHERE t.tenant_id = s.tenant_id AND t.search_id = s.id
    AND t.status = 'failed') AS failed_trials`;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const mapSearch = (r: Row): StoredSearch => ({
  id: str(r.id),
  tenantId: str(r.tenant_id),
  userId: str(r.user_id),
  request: json<StoredSearch['request']>(r.request),
  plan: json<SearchPlan>(r.plan),
  status: str(r.status) as SearchStatus,
  totalTrials: Number(r.total_trials),
  skippedCombos: Number(r.skipped_combos),
  error: strOrNull(r.error),
  result: json<SearchResult | null>(r.result),
  createdAt: iso(r.created_at),
  finishedAt: isoOrNull(r.finished_at),
  // count(*) is a string from node-postgres and a number from PGlite.
  finishedTrials: Number(r.finished_trials),
  failedTrials: Number(r.failed_trials),
});

const mapTrial = (r: Row): SearchTrial => ({
  id: str(r.id),
  paramsIndex: Number(r.params_index),
  phase: str(r.phase) as SearchTrial['phase'],
  window: num(r.window_index),
  params: json<SearchTrial['params']>(r.params),
  status: str(r.status) as SearchTrial['status'],
  error: strOrNull(r.error),
  statistics: json<SearchTrial['statistics']>(r.statistics),
  candles: Number(r.candles),
  elapsedMs: Number(r.elapsed_ms),
  instanceId: str(r.instance_id),
  finishedAt: iso(r.finished_at),
});

/** Parameter searches and trials in SQL (migration 0020). */
export class SqlSearchStore implements SearchStore {
  constructor(private readonly db: SqlDriver) {}

  async insert(
    scope: TenantScope,
    input: { search: StoredSearch; maxActive: number; keep: number },
  ): Promise<void> {
    const s = input.search;
    try {
      await this.db.transaction(async (tx) => {
        // One user's running count is checked under a lock on their tenant row, so two
        // submissions racing on two instances cannot both pass it.
        await tx.query('SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE', [scope.tenantId]);
        const { rows } = await tx.query(
          `SELECT count(*) AS n FROM parameter_searches
            WHERE tenant_id = $1 AND user_id = $2 AND status = 'running'`,
          [scope.tenantId, s.userId],
        );
        if (Number(rows[0]?.n ?? 0) >= input.maxActive)
          throw new AppError(
            'RATE_LIMITED',
            `${input.maxActive} parameter searches are already running; wait for one to finish.`,
          );
        await tx.query(
          `INSERT INTO parameter_searches (tenant_id, id, user_id, request, plan, status,
             total_trials, skipped_combos, created_at)
           VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, 'running', $6, $7, $8::timestamptz)`,
          [
            scope.tenantId,
            s.id,
            s.userId,
            jsonParam(s.request),
            jsonParam(s.plan),
            s.totalTrials,
            s.skippedCombos,
            s.createdAt,
          ],
        );
        await tx.query(
          `DELETE FROM parameter_searches WHERE tenant_id = $1 AND user_id = $2
              AND status <> 'running'
              AND id NOT IN (
                SELECT id FROM parameter_searches
                 WHERE tenant_id = $1 AND user_id = $2 AND status <> 'running'
                 ORDER BY created_at DESC, id DESC LIMIT $3)`,
          [scope.tenantId, s.userId, input.keep],
        );
      });
    } catch (error) {
      throw toAppError(error);
    }
  }

  async get(scope: TenantScope, input: { userId: string; id: string }) {
    const { rows } = await this.run(
      `SELECT ${SEARCH_COLUMNS} FROM parameter_searches s
        WHERE s.tenant_id = $1 AND s.user_id = $2 AND s.id = $3`,
      [scope.tenantId, input.userId, input.id],
    );
    return rows[0] ? mapSearch(rows[0]) : null;
  }

  async load(scope: TenantScope, id: string) {
    const { rows } = await this.run(
      `SELECT ${SEARCH_COLUMNS} FROM parameter_searches s WHERE s.tenant_id = $1 AND s.id = $2`,
      [scope.tenantId, id],
    );
    return rows[0] ? mapSearch(rows[0]) : null;
  }

  async list(scope: TenantScope, input: { userId: string; limit: number }) {
    const { rows } = await this.run(
      `SELECT ${SEARCH_COLUMNS} FROM parameter_searches s
        WHERE s.tenant_id = $1 AND s.user_id = $2
        ORDER BY s.created_at DESC, s.id DESC LIMIT $3`,
      [scope.tenantId, input.userId, input.limit],
    );
    return rows.map(mapSearch);
  }

  async running() {
    const { rows } = await this.run(
      `SELECT tenant_id, id FROM parameter_searches WHERE status = 'running' ORDER BY created_at`,
      [],
    );
    return rows.map((r) => ({ tenantId: str(r.tenant_id), id: str(r.id) }));
  }

  async storeTrial(scope: TenantScope, input: { searchId: string; trial: StoredTrial }) {
    const t = input.trial;
    const { rowCount } = await this.run(
      `INSERT INTO search_trials (tenant_id, search_id, id, params_index, phase, window_index,
         params, status, error, statistics, objective, total_return_pct, annual_return_pct,
         trades, equity_curve, candles, elapsed_ms, instance_id, finished_at)
       SELECT $1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10::jsonb, $11, $12, $13, $14,
              $15::jsonb, $16, $17, $18, $19::timestamptz
        WHERE EXISTS (SELECT 1 FROM parameter_searches
                       WHERE tenant_id = $1 AND id = $2 AND status = 'running')
       ON CONFLICT (tenant_id, search_id, id) DO NOTHING`,
      [
        scope.tenantId,
        input.searchId,
        t.id,
        t.paramsIndex,
        t.phase,
        t.window,
        jsonParam(t.params),
        t.status,
        t.error,
        jsonParam(t.statistics),
        t.objective,
        t.totalReturnPct,
        t.annualReturnPct,
        t.trades,
        jsonParam(t.equityCurve),
        t.candles,
        t.elapsedMs,
        t.instanceId,
        t.finishedAt,
      ],
    );
    return rowCount > 0;
  }

  async hasTrial(scope: TenantScope, input: { searchId: string; id: string }) {
    const { rows } = await this.run(
      'SELECT 1 FROM search_trials WHERE tenant_id = $1 AND search_id = $2 AND id = $3',
      [scope.tenantId, input.searchId, input.id],
    );
    return rows.length > 0;
  }

  async trials(scope: TenantScope, searchId: string) {
    const { rows } = await this.run(
      `SELECT id, params_index, phase, window_index, params, status, error, statistics, candles,
              elapsed_ms, instance_id, finished_at
         FROM search_trials WHERE tenant_id = $1 AND search_id = $2
        ORDER BY window_index NULLS FIRST, phase, params_index`,
      [scope.tenantId, searchId],
    );
    return rows.map(mapTrial);
  }

  async lightTrials(scope: TenantScope, searchId: string): Promise<TrialLight[]> {
    const { rows } = await this.run(
      `SELECT id, params_index, phase, window_index, params, status, objective, total_return_pct,
              annual_return_pct, trades
         FROM search_trials WHERE tenant_id = $1 AND search_id = $2`,
      [scope.tenantId, searchId],
    );
    return rows.map((r) => ({
      id: str(r.id),
      paramsIndex: Number(r.params_index),
      phase: str(r.phase) as TrialLight['phase'],
      window: num(r.window_index),
      point: json<TrialLight['point']>(r.params),
      status: str(r.status) as TrialLight['status'],
      value: num(r.objective),
      totalReturnPct: num(r.total_return_pct),
      annualReturnPct: num(r.annual_return_pct),
      trades: Number(r.trades),
    }));
  }

  async outOfSampleCurves(scope: TenantScope, searchId: string) {
    const { rows } = await this.run(
      `SELECT window_index, equity_curve FROM search_trials
        WHERE tenant_id = $1 AND search_id = $2 AND phase = 'out_of_sample' AND status = 'done'
        ORDER BY window_index`,
      [scope.tenantId, searchId],
    );
    return rows.map((r) => ({
      window: Number(r.window_index),
      curve: json<{ at: string; equity: number }[] | null>(r.equity_curve) ?? [],
    }));
  }

  async finish(
    scope: TenantScope,
    input: {
      id: string;
      status: 'done' | 'failed';
      result: SearchResult | null;
      error: string | null;
      at: string;
    },
  ) {
    const { rowCount } = await this.run(
      `UPDATE parameter_searches SET status = $3, result = $4::jsonb, error = $5,
              finished_at = $6::timestamptz
        WHERE tenant_id = $1 AND id = $2 AND status = 'running'`,
      [scope.tenantId, input.id, input.status, jsonParam(input.result), input.error, input.at],
    );
    return rowCount > 0;
  }

  async cancel(scope: TenantScope, input: { userId: string; id: string; at: string }) {
    await this.run(
      `UPDATE parameter_searches SET status = 'cancelled', finished_at = $4::timestamptz
        WHERE tenant_id = $1 AND user_id = $2 AND id = $3 AND status = 'running'`,
      [scope.tenantId, input.userId, input.id, input.at],
    );
    return this.get(scope, input);
  }

  private async run(sql: string, params: readonly unknown[]) {
    try {
      return await this.db.query(sql, params);
    } catch (error) {
      throw toAppError(error);
    }
  }
}
