/**
 * The audit log refused UPDATE and DELETE row by row, but TRUNCATE fires no row trigger, so one
 * statement could empty it. A statement trigger closes that; refuse_change() raises for any
 * operation it guards.
 */
export const sql = `
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
`;
