/**
 * Loop commands may also carry an operator's block resolution: a decision taken on an instance
 * that does not run the tenant's loop is executed by the one that does, like an order.
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
ALTER TABLE loop_commands DROP CONSTRAINT loop_commands_kind_check;
ALTER TABLE loop_commands ADD CONSTRAINT loop_commands_kind_check
  CHECK (kind IN ('trade', 'close', 'cancel', 'resolve'));
`;
