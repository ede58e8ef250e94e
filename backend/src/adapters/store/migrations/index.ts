import { sql as initial } from './0001-initial.js';
import { sql as journalCommit } from './0002-journal-commit.js';
import { sql as ledgerCheckPerStatement } from './0003-ledger-check-per-statement.js';
import { sql as backtestJobs } from './0004-backtest-jobs.js';
import { sql as positionCostBasis } from './0005-position-cost-basis.js';
import { sql as orderHistoryGuard } from './0006-order-history-guard.js';
import { sql as jwksCache } from './0007-jwks-cache.js';
import { sql as auditNoTruncate } from './0008-audit-no-truncate.js';
import { sql as paperVenue } from './0009-paper-venue.js';
import { sql as loopCommands } from './0010-loop-commands.js';
import { sql as loopCommandCancel } from './0011-loop-command-cancel.js';
import { sql as loopCommandResolve } from './0012-loop-command-resolve.js';
import { sql as venueAccounts } from './0013-venue-accounts.js';
import { sql as tradeStrategy } from './0014-trade-strategy.js';
import { sql as alertNotifications } from './0015-alert-notifications.js';
import { sql as modelVersions } from './0016-model-versions.js';
import { sql as webhookSecretsSealed } from './0017-webhook-secrets-sealed.js';
import { sql as mobilePolicies } from './0018-mobile-policies.js';
import { sql as alertSources } from './0019-alert-sources.js';
import { sql as parameterSearches } from './0020-parameter-searches.js';
import { sql as candles } from './0021-candles.js';
import { sql as modelApproval } from './0022-model-approval.js';
import { sql as promotion } from './0023-promotion.js';
import { sql as backtestResults } from './0024-backtest-results.js';
import { sql as orderVenueAccount } from './0025-order-venue-account.js';
import { sql as modelTrainings } from './0026-model-trainings.js';

export interface Migration {
  /** Strictly increasing, never reused. */
  version: number;
  name: string;
  sql: string;
  /**
   * True when a build released before this migration still runs correctly on the schema it
   * leaves (it only adds, or changes nothing an older build reads or writes). A rollback to such
   * a build is allowed; without it the older build refuses to start, and the fix is to roll
   * forward. Recorded in `schema_migrations`, because the older build cannot know this file.
   */
  olderBuildsMayRun?: boolean;
}

/** Forward-only, in order. Append new entries; never edit or remove an applied one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'journal-commit', sql: journalCommit },
  {
    version: 3,
    name: 'ledger-check-per-statement',
    sql: ledgerCheckPerStatement,
    // Builds up to 2 insert every leg of a transaction in one statement, which this check allows.
    olderBuildsMayRun: true,
  },
  {
    version: 4,
    name: 'backtest-jobs',
    sql: backtestJobs,
    // A new table only; builds up to 3 keep their jobs in memory and never read it.
    olderBuildsMayRun: true,
  },
  {
    version: 5,
    name: 'position-cost-basis',
    sql: positionCostBasis,
    // A nullable column older builds do not send (NULL: rebuilt from the average, as they do).
    olderBuildsMayRun: true,
  },
  {
    version: 6,
    name: 'order-history-guard',
    sql: orderHistoryGuard,
    // Refuses only writes no correct build makes (leaving a final state, lowering fills).
    olderBuildsMayRun: true,
  },
  {
    version: 7,
    name: 'jwks-cache',
    sql: jwksCache,
    // A new table only; older builds never read it.
    olderBuildsMayRun: true,
  },
  {
    version: 8,
    name: 'audit-no-truncate',
    sql: auditNoTruncate,
    // Refuses only a statement no build issues.
    olderBuildsMayRun: true,
  },
  {
    version: 9,
    name: 'paper-venue',
    sql: paperVenue,
    // New tables only; older builds keep the paper venue in memory and never read them.
    olderBuildsMayRun: true,
  },
  {
    version: 10,
    name: 'loop-commands',
    sql: loopCommands,
    // A new table only; older builds answer 503 on a non-owner instead of writing commands.
    olderBuildsMayRun: true,
  },
  {
    version: 11,
    name: 'loop-command-cancel',
    sql: loopCommandCancel,
    // Widens a check; builds up to 10 never write a cancel command.
    olderBuildsMayRun: true,
  },
  {
    version: 12,
    name: 'loop-command-resolve',
    sql: loopCommandResolve,
    // Widens a check; builds up to 11 never write a resolve command.
    olderBuildsMayRun: true,
  },
  {
    version: 13,
    name: 'venue-accounts',
    sql: venueAccounts,
    // A new table and a nullable column older builds neither read nor write.
    olderBuildsMayRun: true,
  },
  {
    version: 14,
    name: 'trade-strategy',
    sql: tradeStrategy,
    // A nullable column: older builds' inserts leave it NULL and their reads ignore it.
    olderBuildsMayRun: true,
  },
  {
    version: 15,
    name: 'alert-notifications',
    sql: alertNotifications,
    // Added columns have defaults and new tables are unread by older builds; their alerts are
    // routed by a newer instance (routed_at NULL) and their acknowledgements keep the flag.
    olderBuildsMayRun: true,
  },
  {
    version: 16,
    name: 'model-versions',
    sql: modelVersions,
    // A new table only; older builds never read it.
    olderBuildsMayRun: true,
  },
  {
    version: 17,
    name: 'webhook-secrets-sealed',
    sql: webhookSecretsSealed,
    // Not for older builds: they read the plain `secret` column, which sealing empties.
  },
  {
    version: 18,
    name: 'mobile-policies',
    sql: mobilePolicies,
    // A new table only; older builds never read it (they keep the old global flag).
    olderBuildsMayRun: true,
  },
  {
    version: 19,
    name: 'alert-sources',
    sql: alertSources,
    // A nullable column older builds never write (their alerts have no source) and an index
    // over rows that have one.
    olderBuildsMayRun: true,
  },
  {
    version: 20,
    name: 'parameter-searches',
    sql: parameterSearches,
    // New tables only; older builds never read them.
    olderBuildsMayRun: true,
  },
  {
    version: 21,
    name: 'candles',
    sql: candles,
    // New tables only; older builds never read them.
    olderBuildsMayRun: true,
  },
  {
    version: 22,
    name: 'model-approval',
    sql: modelApproval,
    // Nullable columns older builds neither read nor write.
    olderBuildsMayRun: true,
  },
  {
    version: 23,
    name: 'promotion',
    sql: promotion,
    // A new table and a nullable column older builds neither read nor write.
    olderBuildsMayRun: true,
  },
  {
    version: 24,
    name: 'backtest-results',
    sql: backtestResults,
    // New tables only (cascading from backtest_jobs, so an older build's job pruning still works).
    olderBuildsMayRun: true,
  },
  {
    version: 25,
    name: 'order-venue-account',
    sql: orderVenueAccount,
    // A nullable column older builds neither read nor write (their upsert leaves it alone); the
    // orders they place are stored as paper-book orders, so only the venue shown beside them is off.
    olderBuildsMayRun: true,
  },
  {
    version: 26,
    name: 'model-trainings',
    sql: modelTrainings,
    // A new table only; older builds never read it.
    olderBuildsMayRun: true,
  },
];
