/**
 * Orders and positions with the venue account they belong to joined in, as derived tables named
 * like the plain ones so filters and keyset pages apply unchanged (PostgreSQL pulls the join up,
 * so the tables' tenant-leading indexes still serve the filters). Every join matches on the
 * tenant too: a row can only ever be tagged with an account of its own tenant.
 *
 * An order carries the account it was sent to (`orders.venue_account_id`, migration 0025); a
 * position is on its profile's account now (a profile changes account only while flat).
 */
export const ORDERS_WITH_VENUE = `(
  SELECT o.*, va.venue_id, va.label AS venue_label
  FROM orders o
  LEFT JOIN venue_accounts va ON va.tenant_id = o.tenant_id AND va.id = o.venue_account_id
) AS orders`;

export const POSITIONS_WITH_VENUE = `(
  SELECT p.*, tp.venue_account_id, va.venue_id, va.label AS venue_label
  FROM positions p
  LEFT JOIN trading_profiles tp ON tp.tenant_id = p.tenant_id AND tp.id = p.profile_id
  LEFT JOIN venue_accounts va ON va.tenant_id = tp.tenant_id AND va.id = tp.venue_account_id
) AS positions`;
