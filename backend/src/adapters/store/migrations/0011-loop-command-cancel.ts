/**
 * Loop commands may also cancel an order: a cancel sent to an instance that does not run the
 * tenant's loop is executed by the one that does, like a trade or a close.
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
ALTER TABLE loop_commands DROP CONSTRAINT loop_commands_kind_check;
ALTER TABLE loop_commands ADD CONSTRAINT loop_commands_kind_check
  CHECK (kind IN ('trade', 'close', 'cancel'));
`;
