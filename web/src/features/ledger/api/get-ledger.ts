import { useInfiniteQuery } from '@tanstack/react-query';
import { apiPages } from '../../../lib/api';

export const ledgerPagesOptions = (profileId?: string) =>
  apiPages('ledger', { profileId, limit: 100 });
export const useLedgerPages = (profileId?: string) =>
  useInfiniteQuery(ledgerPagesOptions(profileId));
