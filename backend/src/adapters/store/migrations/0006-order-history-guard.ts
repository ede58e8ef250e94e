/**
 * An order's history only moves forward, enforced by the store itself: no update may move an
 * order out of a final state (FILLED, CANCELLED, REJECTED, EXPIRED) or lower its filled quantity.
 * `journal_commit` upserts orders, so before this a second order carrying an existing client
 * order id (two code paths deriving one id) turned a REJECTED row back into NEW and reset a
 * cancelled order's fills to 0; now such a write fails (SQLSTATE 23514) and the whole commit with
 * it, so the order is not sent. Writing a final order again with its own status is allowed
 * (replays and late reports do). Same SQL on PGlite and PostgreSQL.
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
CREATE FUNCTION orders_history_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('FILLED', 'CANCELLED', 'REJECTED', 'EXPIRED') AND NEW.status <> OLD.status THEN
    RAISE EXCEPTION 'order % is %: a final state cannot change (to %)', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_final_state';
  END IF;
  IF NEW.filled_quantity < OLD.filled_quantity THEN
    RAISE EXCEPTION 'order %: filled quantity cannot decrease', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_filled_monotonic';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER orders_history_guard BEFORE UPDATE ON orders
  FOR EACH ROW EXECUTE FUNCTION orders_history_guard();
`;
