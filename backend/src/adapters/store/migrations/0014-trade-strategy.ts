/**
 * The strategy a trade was made under: analytics per strategy used the profile's strategy now,
 * so a profile whose strategy changed had its older trades counted under the new one. Trades
 * booked before this migration keep NULL (analytics fall back to the profile's strategy).
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
ALTER TABLE trades ADD COLUMN strategy text;
`;
