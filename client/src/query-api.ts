import type { ApiResponse, ApiRouteName } from '@bytelyst/trading-contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import {
  createApiClient,
  type ApiClient,
  type ApiClientOptions,
  type CallOptions,
} from './api-client.js';

/**
 * Query keys start with the route name, so a socket event or a mutation can invalidate every
 * cached page of one route with `['api', name]` without knowing its filters.
 */
export const apiKey = (name: ApiRouteName, input?: unknown) =>
  input === undefined ? (['api', name] as const) : (['api', name, input] as const);

/** Routes answering with `{ items, nextCursor }`. */
export type PagedRoute =
  | 'orders'
  | 'trades'
  | 'ledger'
  | 'decisions'
  | 'alerts'
  | 'adminAudit'
  | 'adminSignals'
  | 'adminEntries';

type PageQueryOf<N extends PagedRoute> = Omit<NonNullable<CallOptions<N>['query']>, 'cursor'>;

/**
 * An app's one API client, configured once by its auth provider (which owns the token and its
 * refresh), with the TanStack Query factories every endpoint file builds on.
 */
export function createApiBinding() {
  let client: ApiClient | null = null;

  function callApi<N extends ApiRouteName>(
    name: N,
    options?: CallOptions<N>,
  ): Promise<ApiResponse<N>> {
    if (!client) throw new Error('API client used before configureApi');
    return client.call(name, options);
  }

  /** A queryOptions factory for a GET route; endpoint files wrap it with their own names. */
  function apiQuery<N extends ApiRouteName>(name: N, options?: CallOptions<N>) {
    const params = options?.params as Record<string, unknown> | undefined;
    const query = options?.query as Record<string, unknown> | undefined;
    const input = params || query ? { ...params, ...query } : undefined;
    return queryOptions({
      queryKey: apiKey(name, input),
      queryFn: ({ signal }) => callApi(name, { ...options, signal } as CallOptions<N>),
    });
  }

  /** Cursor pagination as an infinite query: each page asks with the previous page's cursor. */
  function apiPages<N extends PagedRoute>(name: N, query: PageQueryOf<N>) {
    return infiniteQueryOptions({
      queryKey: [...apiKey(name, query), 'pages'] as const,
      initialPageParam: undefined as string | undefined,
      queryFn: ({ pageParam, signal }) =>
        callApi(name, {
          query: { ...query, cursor: pageParam },
          signal,
        } as unknown as CallOptions<N>),
      getNextPageParam: (last: ApiResponse<PagedRoute>) => last.nextCursor ?? undefined,
    });
  }

  return {
    configure: (options: ApiClientOptions): void => {
      client = createApiClient(options);
    },
    callApi,
    apiQuery,
    apiPages,
    forget: (): void => client?.forget(),
  };
}
