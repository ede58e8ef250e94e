import type { CandleSeries } from '@bytelyst/trading-contracts';
import { useCandleSeries } from '../../../api/candle-series';
import { href } from '../../../lib/router';
import { coverageText, seriesKey, seriesLabel, SIMULATED } from '../utils/data-source';

/**
 * The tenant's stored series a run can replay, with the selected one: only series of a symbol
 * the server knows (a stored run needs its tick and lot). `missing` is a source the form was
 * started with whose series is no longer stored.
 */
export function useDataSource(key: string, symbols: readonly string[]) {
  const query = useCandleSeries();
  const usable = (query.data?.items ?? []).filter((s) => symbols.includes(s.symbol));
  const series = key === SIMULATED ? null : (usable.find((s) => seriesKey(s) === key) ?? null);
  return {
    query,
    usable,
    series,
    missing: key !== SIMULATED && query.isSuccess && series === null,
  };
}

/** Simulated history or one of the tenant's stored series (listed with their coverage). */
export function DataSourceField(props: {
  id: string;
  value: string;
  source: ReturnType<typeof useDataSource>;
  onChange: (key: string, series: CandleSeries | null) => void;
}) {
  const { query, usable, series, missing } = props.source;
  const pick = (key: string) =>
    props.onChange(key, usable.find((s) => seriesKey(s) === key) ?? null);
  return (
    <div className={`field field-wide ${missing ? 'field-error' : ''}`}>
      <label htmlFor={props.id}>Data</label>
      <select id={props.id} value={props.value} onChange={(e) => pick(e.target.value)}>
        <option value={SIMULATED}>Simulated history (seeded)</option>
        {query.isPending && <option disabled>Loading stored series…</option>}
        {usable.length > 0 && (
          <optgroup label="Stored series">
            {usable.map((s) => (
              <option key={seriesKey(s)} value={seriesKey(s)}>
                {seriesLabel(s)}
              </option>
            ))}
          </optgroup>
        )}
        {missing && <option value={props.value}>{props.value} (no longer stored)</option>}
      </select>
      {query.isError && (
        <small className="neg" role="alert">
          The stored series could not be loaded; simulated history still works.
        </small>
      )}
      {missing && <small className="neg">This series is no longer stored: pick another.</small>}
      {series && (
        <small className="muted" data-testid={`${props.id}-coverage`}>
          {coverageText(series)}, {series.coveragePct.toFixed(2)}% coverage
          {series.gapCount > 0
            ? `, ${series.gapCount.toLocaleString('en-US')} gaps (${series.missing.toLocaleString('en-US')} candles missing)`
            : ', no gaps'}
          . Symbol and timeframe are the series&apos;; the date range must lie within it.
        </small>
      )}
      {query.isSuccess && usable.length === 0 && (
        <small className="muted">
          No stored series yet: <a href={href('/data')}>import one on the Data page</a>.
        </small>
      )}
    </div>
  );
}
