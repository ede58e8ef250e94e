import { z } from 'zod';
import { Id } from './primitives.js';
import type { RouteDef } from './route-def.js';
import {
  CompareRunsQuery,
  CompareRunsResponse,
  SearchJob,
  SearchRequest,
  SearchTrial,
} from './schemas/research.js';

const IdParams = z.strictObject({ id: Id });

/** Parameter searches, walk-forward and run comparison (spread into API_ROUTES). */
export const RESEARCH_ROUTES = {
  createSearch: {
    method: 'POST',
    path: '/api/searches',
    body: SearchRequest,
    response: SearchJob,
    access: 'user',
    summary:
      'Start a parameter search (grid or random), optionally walk-forward; its trials run on every instance (flag backtest)',
  },
  listSearches: {
    method: 'GET',
    path: '/api/searches',
    response: z.strictObject({ items: z.array(SearchJob) }),
    access: 'user',
    summary: 'My recent parameter searches, newest first',
  },
  getSearch: {
    method: 'GET',
    path: '/api/searches/:id',
    params: IdParams,
    response: SearchJob,
    access: 'user',
    summary: 'One search: progress, best params, walk-forward windows and stitched result',
  },
  listSearchTrials: {
    method: 'GET',
    path: '/api/searches/:id/trials',
    params: IdParams,
    response: z.strictObject({ items: z.array(SearchTrial) }),
    access: 'user',
    summary: "A search's finished trials with their params and statistics",
  },
  cancelSearch: {
    method: 'POST',
    path: '/api/searches/:id/cancel',
    params: IdParams,
    response: SearchJob,
    access: 'user',
    summary:
      'Stop a search: no further trial starts; trials already running finish and are not stored',
  },
  compareBacktests: {
    method: 'GET',
    path: '/api/backtest-comparisons',
    query: CompareRunsQuery,
    response: CompareRunsResponse,
    access: 'user',
    summary: 'Two to six of my backtests side by side: settings, statistics, equity curves',
  },
} as const satisfies Record<string, RouteDef>;
