import type { DecisionAction } from '@bytelyst/trading-contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiPages } from '../../../lib/api';

export interface DecisionFilters {
  profileId?: string;
  symbol?: string;
  action?: DecisionAction;
}

export const decisionsPagesOptions = (f: DecisionFilters) =>
  apiPages('decisions', { ...f, limit: 50 });
export const useDecisionPages = (f: DecisionFilters) => useInfiniteQuery(decisionsPagesOptions(f));
