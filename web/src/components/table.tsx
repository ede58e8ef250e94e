import type { ReactNode } from 'react';

/** A header cell; numeric columns are right-aligned. */
export type Column = string | { label: string; numeric: true };

/** Marks a column as numeric (right-aligned), e.g. `num('Qty')`. */
export const num = (label: string): Column => ({ label, numeric: true });

/** The app's data table: a scrollable wrapper, one header row, and the caller's rows. */
export function Table(props: { columns: readonly Column[]; testId?: string; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid={props.testId}>
        <thead>
          <tr>
            {props.columns.map((c) =>
              typeof c === 'string' ? (
                <th key={c}>{c}</th>
              ) : (
                <th key={c.label} className="r">
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
