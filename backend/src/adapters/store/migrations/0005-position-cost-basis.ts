import { sql as journalCommit } from './0002-journal-commit.js';

/**
 * Positions keep their exact cost basis, so a restart rebuilds the position the ledger booked
 * instead of quantity x average entry (the average is rounded to 18 places, which left a residue
 * of up to ~1e-18 per unit in `positions_at_cost` once the position was closed).
 *
 * `journal_commit` is replaced to also update the new column on conflict. Its text is 0002's
 * (released, never edited) with that one assignment added, so the two cannot drift apart; the
 * replacement is checked when this module loads. Builds up to 4 send no `cost_basis`: their rows
 * get NULL, which this build reads as "rebuild from the average", as before.
 *
 * NEVER edit once released; add a migration instead.
 */
const FUNCTION_START = 'CREATE FUNCTION journal_commit(';
const POSITION_SET = 'opened_at = EXCLUDED.opened_at, updated_at = EXCLUDED.updated_at;';

const replaced = journalCommit
  .slice(journalCommit.indexOf(FUNCTION_START))
  .replace(FUNCTION_START, 'CREATE OR REPLACE FUNCTION journal_commit(')
  .replace(POSITION_SET, `${POSITION_SET.slice(0, -1)}, cost_basis = EXCLUDED.cost_basis;`);
if (!journalCommit.includes(FUNCTION_START) || !journalCommit.includes(POSITION_SET)) {
  throw new Error('migration 0005: journal_commit of 0002 not found as expected');
}

export const sql = `
ALTER TABLE positions ADD COLUMN cost_basis numeric;
${replaced}`;
