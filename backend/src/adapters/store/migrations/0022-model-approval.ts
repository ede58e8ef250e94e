/**
 * Model versions gain an approval (who, when, why: a live-venue profile may trade only an approved
 * version) and a card: the version's out-of-sample backtest as JSON text (equity curve and
 * statistics), written once when the version is trained. Older builds never read these columns.
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
ALTER TABLE model_versions
  ADD COLUMN approved_at timestamptz,
  ADD COLUMN approved_by text,
  ADD COLUMN approval_note text,
  ADD COLUMN card text;
ALTER TABLE model_versions
  ADD CONSTRAINT model_versions_approval_whole CHECK ((approved_at IS NULL) = (approved_by IS NULL));
`;
