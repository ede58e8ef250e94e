import type { ReactNode } from 'react';
import { ErrorNotice } from './error-notice';

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
}

/**
 * Loading, error and empty states in one place so every list says which one it is in, instead
 * of an empty table that could mean any of them.
 */
export function DataState<T>(props: {
  query: QueryLike<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isPending) {
    return (
      <div className="state state-loading" aria-busy="true">
        <span className="spinner" aria-hidden /> Loading…
      </div>
    );
  }
  if (query.data === undefined) return <ErrorNotice error={query.error} title="Could not load" />;
  if (props.isEmpty?.(query.data)) {
    return <div className="state state-empty">{props.empty ?? 'Nothing here yet.'}</div>;
  }
  return (
    <>
      {query.error !== null && query.error !== undefined && (
        <ErrorNotice error={query.error} title="Showing the last data received; refresh failed" />
      )}
      {props.children(query.data)}
    </>
  );
}
