/**
 * The venue account an order was sent to, on the order row (issue 15: the venue beside every
 * order). A profile may change account once it is flat, so the account cannot be read through
 * the profile later: it is written when the order is made and never changes. NULL is the owner's
 * paper account (the tenant's paper book), the same stored form as `trading_profiles`.
 *
 * Existing rows take the account their profile is on now (the best record there is: before this
 * column a profile's earlier account was not kept). The backfill runs before the history guard
 * learns to refuse account changes; it changes neither status nor fills, so the guard of 0006
 * lets it through. The foreign key leads with the tenant, so an order can only name an account
 * of its own tenant (and venue accounts are never deleted, only disconnected).
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
ALTER TABLE orders ADD COLUMN venue_account_id text;

UPDATE orders o SET venue_account_id = p.venue_account_id
  FROM trading_profiles p
  WHERE p.tenant_id = o.tenant_id AND p.id = o.profile_id AND p.venue_account_id IS NOT NULL;

ALTER TABLE orders ADD CONSTRAINT orders_venue_account_fk
  FOREIGN KEY (tenant_id, venue_account_id) REFERENCES venue_accounts (tenant_id, id);

CREATE OR REPLACE FUNCTION orders_history_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('FILLED', 'CANCELLED', 'REJECTED', 'EXPIRED') AND NEW.status <> OLD.status THEN
    RAISE EXCEPTION 'order % is %: a final state cannot change (to %)', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_final_state';
  END IF;
  IF NEW.filled_quantity < OLD.filled_quantity THEN
    RAISE EXCEPTION 'order %: filled quantity cannot decrease', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_filled_monotonic';
  END IF;
  IF NEW.venue_account_id IS DISTINCT FROM OLD.venue_account_id THEN
    RAISE EXCEPTION 'order %: the account it was sent to cannot change', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_venue_account_fixed';
  END IF;
  RETURN NEW;
END $$;
`;
