import type { CandleImportReport } from '@bytelyst/trading-contracts';

const n = (x: number) => x.toLocaleString('en-US');

/** What an import stored or why it stored nothing, with the bad rows by line (or position). */
export function ImportReport({ report }: { report: CandleImportReport }) {
  const stored = report.status === 'stored';
  return (
    <div className="form" data-testid="import-report">
      <p className={stored ? 'pos' : 'neg'} role="status">
        {stored
          ? `Stored ${n(report.stored)} candles of ${report.symbol} ${report.timeframe} (${report.venue})${report.alreadyStored ? `; ${n(report.alreadyStored)} were already stored and kept` : ''}.`
          : `Refused: ${n(report.errorCount)} bad rows. Nothing from this ${report.source === 'csv' ? 'file' : 'import'} was stored.`}
      </p>
      <p className="muted small">
        {report.source === 'csv'
          ? `Times: ${report.timeZone}. ${n(report.lines)} lines, header ${report.header ? 'found' : 'none'}, `
          : `${n(report.lines)} candles received in ${n(report.pages ?? 0)} ${report.pages === 1 ? 'page' : 'pages'}, `}
        {n(report.duplicateCount)} duplicates, {n(report.gapCount)} gaps ({n(report.missing)}{' '}
        candles missing).
      </p>
      {report.errors.length > 0 && (
        <table className="table" data-testid="import-errors">
          <thead>
            <tr>
              <th className="r">Line</th>
              <th>Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e) => (
              <tr key={e.line}>
                <td className="r num">{e.line}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.errorCount > report.errors.length && (
        <p className="muted small">
          … and {n(report.errorCount - report.errors.length)} more bad rows.
        </p>
      )}
      {report.duplicates.length > 0 && (
        <p className="muted small">
          Duplicates (first kept) on lines{' '}
          {report.duplicates
            .slice(0, 20)
            .map((d) => d.line)
            .join(', ')}
          {report.duplicateCount > 20 ? ', …' : ''}.
        </p>
      )}
    </div>
  );
}
