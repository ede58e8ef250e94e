import { sql as initial } from './0001-initial.js';
import { sql as journalCommit } from './0002-journal-commit.js';
import { sql as ledgerCheckPerStatement } from './0003-ledger-check-per-statement.js';

export interface Migration {
  /** Strictly increasing, never reused. */
  version: number;
  name: string;
  sql: string;
}

/** Forward-only, in order. Append new entries; never edit or remove an applied one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'journal-commit', sql: journalCommit },
  { version: 3, name: 'ledger-check-per-statement', sql: ledgerCheckPerStatement },
];
