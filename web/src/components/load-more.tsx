/** Cursor pagination: the server hands out an opaque cursor; the client only asks for more. */
export function LoadMore(props: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  count: number;
}) {
  return (
    <div className="load-more">
      <span className="muted">{props.count} shown</span>
      {props.hasNextPage ? (
        <button
          type="button"
          className="btn btn-ghost"
          disabled={props.isFetchingNextPage}
          onClick={() => void props.fetchNextPage()}
        >
          {props.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      ) : (
        <span className="muted">End of history</span>
      )}
    </div>
  );
}
