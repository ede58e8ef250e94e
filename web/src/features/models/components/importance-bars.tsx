import type { ImportanceRow } from '../utils/model-view';

/** Mean |contribution| to the log-odds per feature as horizontal bars, with what each one is. */
export function ImportanceBars({ rows }: { rows: ImportanceRow[] }) {
  if (rows.length === 0)
    return (
      <div className="state state-empty">
        No feature importance: this version was trained before it was recorded.
      </div>
    );
  return (
    <ul className="importance" data-testid="importance">
      {rows.map((r) => (
        <li key={r.feature} data-testid={`importance-${r.feature}`}>
          <div className="importance-head">
            <code>{r.feature}</code>
            <span className="num small">{r.importance.toFixed(3)}</span>
          </div>
          <div className="importance-bar" aria-hidden>
            <span style={{ width: `${Math.max(1, r.share * 100)}%` }} />
          </div>
          <div className="muted small">{r.label}</div>
        </li>
      ))}
    </ul>
  );
}
