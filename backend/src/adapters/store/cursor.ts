import { AppError, type Page } from '@bytelyst/trading-contracts';

/**
 * Opaque page cursor: base64url of [time, id] of the last row returned. Lists are ordered newest
 * first by (time, id), so the next page is every row strictly before that pair; rows inserted
 * meanwhile never shift a page.
 */
export interface CursorKey {
  time: string;
  id: string;
}

export const encodeCursor = (key: CursorKey): string =>
  Buffer.from(JSON.stringify([key.time, key.id]), 'utf8').toString('base64url');

export const decodeCursor = (cursor: string | undefined): CursorKey | null => {
  if (cursor === undefined || cursor === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      !Number.isNaN(Date.parse(parsed[0]))
    ) {
      return { time: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the coded error
  }
  throw new AppError('VALIDATION_FAILED', 'The page cursor is not valid.', {
    details: { issues: [{ path: 'cursor', message: 'not a cursor this server issued' }] },
  });
};

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;

export const clampLimit = (limit: number | undefined): number =>
  Math.min(Math.max(Math.trunc(limit ?? DEFAULT_PAGE_LIMIT), 1), MAX_PAGE_LIMIT);

/** Rows were fetched with limit + 1; the extra row only says whether a next page exists. */
export const toPage = <R, T>(
  rows: R[],
  opts: { limit: number; map: (row: R) => T; key: (item: T) => CursorKey },
): Page<T> => {
  const items = rows.slice(0, opts.limit).map(opts.map);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > opts.limit && last ? encodeCursor(opts.key(last)) : null,
  };
};
