import { createHash } from 'node:crypto';
import type { Page } from '@bytelyst/trading-contracts';
import type { PageInput } from '../../ports/store.js';
import { clampLimit, decodeCursor, toPage, type CursorKey } from './cursor.js';
import type { Row, SqlExecutor } from './driver.js';

/**
 * Collects AND-ed conditions with numbered parameters. Values always travel as parameters;
 * only our own column names are ever spliced into the text.
 */
export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  and(fragment: string): this {
    this.parts.push(fragment);
    return this;
  }

  /** `column = value`, skipped when value is undefined (an absent optional filter). */
  eq(column: string, value: unknown): this {
    if (value !== undefined) this.and(`${column} = ${this.param(value)}`);
    return this;
  }

  /**
   * `column = ANY(ids)`, skipped when ids is null or undefined ("no restriction"); an empty list
   * matches nothing, as it must (a user with no profiles sees no profile rows).
   */
  anyOf(column: string, ids: readonly string[] | null | undefined, orNull = false): this {
    if (ids == null) return this;
    const cond = `${column} = ANY(${this.param([...ids])}::text[])`;
    return this.and(orNull ? `(${column} IS NULL OR ${cond})` : cond);
  }

  get where(): string {
    return this.parts.length > 0 ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** The tenant condition every tenant-scoped read starts from. */
export const tenantFilter = (tenantId: string, column = 'tenant_id'): SqlFilter =>
  new SqlFilter().eq(column, tenantId);

export interface PageSpec<T> {
  from: string;
  filter: SqlFilter;
  /** Sort columns, newest first; the pair must be unique within the filtered rows. */
  timeColumn: string;
  idColumn: string;
  input: PageInput | undefined;
  map: (row: Row) => T;
  key: (item: T) => CursorKey;
}

export const selectPage = async <T>(db: SqlExecutor, spec: PageSpec<T>): Promise<Page<T>> => {
  const { filter, timeColumn: t, idColumn: id } = spec;
  const limit = clampLimit(spec.input?.limit);
  const cursor = decodeCursor(spec.input?.cursor);
  if (cursor) {
    filter.and(
      `(${t}, ${id}) < (${filter.param(cursor.time)}::timestamptz, ${filter.param(cursor.id)})`,
    );
  }
  const { rows } = await db.query(
    `SELECT * FROM ${spec.from} ${filter.where} ORDER BY ${t} DESC, ${id} DESC LIMIT ${filter.param(limit + 1)}`,
    filter.params,
  );
  return toPage(rows, { limit, map: spec.map, key: spec.key });
};

/**
 * The NOTIFY channel of one database namespace (schema): instances on one PostgreSQL server but
 * different schemas never hear each other. Channel names are limited to 63 bytes.
 */
export const changeChannel = (namespace: string): string => {
  const name = `bytelyst_changes${namespace ? `_${namespace}` : ''}`;
  return name.length <= 63
    ? name
    : `bytelyst_changes_${createHash('sha256').update(namespace).digest('hex').slice(0, 40)}`;
};
