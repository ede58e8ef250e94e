import type { ReactNode } from 'react';
import { DataState } from './data-state';
import { LoadMore } from './load-more';

/** The parts of a cursor-paged infinite query a list needs (`{ items, nextCursor }` pages). */
export interface PagesLike<T> {
  data: { pages: readonly { items: readonly T[] }[] } | undefined;
  error: unknown;
  isPending: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/**
 * A server-paged list: loading/error/empty states, the rows of every page fetched so far, and
 * "Load more" for the next cursor.
 */
export function PagedList<T>(props: {
  pages: PagesLike<T>;
  empty: ReactNode;
  children: (items: readonly T[]) => ReactNode;
}) {
  const { pages } = props;
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <DataState
      query={{ data: pages.data, error: pages.error, isPending: pages.isPending }}
      isEmpty={() => items.length === 0}
      empty={props.empty}
    >
      {() => (
        <>
          {props.children(items)}
          <LoadMore
            hasNextPage={pages.hasNextPage}
            isFetchingNextPage={pages.isFetchingNextPage}
            fetchNextPage={pages.fetchNextPage}
            count={items.length}
          />
        </>
      )}
    </DataState>
  );
}
