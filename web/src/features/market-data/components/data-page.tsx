import {
  type Timeframe,
  type CandleSeries,
  type ImportProgress,
} from '@bytelyst/trading-contracts';
import { formatTime } from '@bytelyst/trading-client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { usePrices } from '../../../api/prices';
import { DataState } from '../../../components/data-state';
import { ErrorNotice } from '../../../components/error-notice';
import { PageHeader, Panel } from '../../../components/panel';
import { getCandleImport, useCandleSeries, useUploadCsv } from '../api/candle-series';
import { ImportReport } from './import-report';
import { VenueImportForm } from './venue-import-form';
import { SymbolTimeframeFields } from './series-key-fields';

const n = (x: number) => x.toLocaleString('en-US');

function SeriesTable({ items }: { items: CandleSeries[] }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="candle-series">
        <thead>
          <tr>
            <th>Symbol</th>
            <th>Venue</th>
            <th>Timeframe</th>
            <th>From (UTC)</th>
            <th>To (UTC)</th>
            <th className="r">Candles</th>
            <th className="r">Coverage</th>
            <th>Gaps</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={`${s.symbol}/${s.venue}/${s.timeframe}`}>
              <td className="strong">{s.symbol}</td>
              <td>{s.venue}</td>
              <td>{s.timeframe}</td>
              <td className="num">{formatTime(s.from)}</td>
              <td className="num">{formatTime(s.to)}</td>
              <td className="r num">{n(s.count)}</td>
              <td className={`r num ${s.coveragePct < 100 ? 'neg' : ''}`}>
                {s.coveragePct.toFixed(2)}%
              </td>
              <td>
                {s.gapCount === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <details>
                    <summary>
                      {n(s.gapCount)} gaps, {n(s.missing)} candles missing
                    </summary>
                    <ul className="small">
                      {s.gaps.map((g) => (
                        <li key={g.after}>
                          {formatTime(g.after)} → {formatTime(g.before)}: {n(g.missing)} missing
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UploadForm({ symbols }: { symbols: string[] }) {
  const [symbol, setSymbol] = useState(symbols[0] ?? '');
  const [timeframe, setTimeframe] = useState<Timeframe>('1m');
  const [venue, setVenue] = useState('csv');
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState({ loaded: 0, total: 0 });
  const [server, setServer] = useState<ImportProgress | null>(null);
  const upload = useUploadCsv();
  const importId = useRef('');

  // While the upload runs, ask the server how far it has parsed and stored (same instance only).
  useEffect(() => {
    if (!upload.isPending) return;
    const timer = setInterval(() => {
      getCandleImport(importId.current).then(setServer, () => undefined);
    }, 500);
    return () => clearInterval(timer);
  }, [upload.isPending]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    importId.current = `imp-${crypto.randomUUID()}`;
    setServer(null);
    setSent({ loaded: 0, total: file.size });
    upload.mutate({
      file,
      query: { symbol, timeframe, venue, importId: importId.current },
      onProgress: (loaded, total) => setSent({ loaded, total: total || file.size }),
    });
  };
  const pct = sent.total > 0 ? (sent.loaded / sent.total) * 100 : 0;
  const parsedPct =
    server && sent.total > 0 ? Math.min(100, (server.bytes / sent.total) * 100) : null;

  return (
    <form className="form" onSubmit={submit} data-testid="csv-upload">
      <div className="form-grid">
        <div className="field">
          <label htmlFor="md-file">CSV file</label>
          <input
            id="md-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <small className="muted">
            time, open, high, low, close[, volume]; header optional. Times without a zone are UTC.
          </small>
        </div>
        <SymbolTimeframeFields
          idPrefix="md"
          symbols={symbols}
          symbol={symbol}
          onSymbol={setSymbol}
          timeframe={timeframe}
          onTimeframe={setTimeframe}
        />
        <div className="field">
          <label htmlFor="md-venue">Venue (label)</label>
          <input id="md-venue" value={venue} onChange={(e) => setVenue(e.target.value)} />
        </div>
      </div>
      {(upload.isPending || upload.data) && (
        <div className="field" data-testid="upload-progress">
          <label htmlFor="md-progress">
            Uploaded {n(Math.round(sent.loaded / 1024))} of {n(Math.round(sent.total / 1024))} KiB
          </label>
          <progress id="md-progress" max={100} value={upload.data ? 100 : pct} />
          {parsedPct !== null && server && (
            <small className="muted">
              Server: {server.phase}, parsed {parsedPct.toFixed(0)}% ({n(server.candles)} candles)
              {server.phase === 'storing' ? `, stored ${n(server.storedCandles)}` : ''}
            </small>
          )}
        </div>
      )}
      {upload.error && <ErrorNotice error={upload.error} title="The upload failed" />}
      {upload.data && <ImportReport report={upload.data} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={!file || upload.isPending}>
          {upload.isPending ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  );
}

/** What market data is stored for backtests, and CSV upload with progress and errors by line. */
export function DataPage() {
  const series = useCandleSeries();
  const prices = usePrices();
  return (
    <div className="page">
      <PageHeader
        title="Market data"
        subtitle="Candles stored for backtests: what is there, how complete, uploads and venue imports. An import with any bad row stores nothing."
      />
      <Panel title="Stored series">
        <DataState
          query={series}
          isEmpty={(d) => d.items.length === 0}
          empty="No candles stored yet. Upload a CSV below."
        >
          {(d) => <SeriesTable items={d.items} />}
        </DataState>
      </Panel>
      <Panel title="Upload a CSV">
        <DataState query={prices}>
          {(d) => <UploadForm symbols={d.instruments.map((i) => i.symbol)} />}
        </DataState>
      </Panel>
      <Panel title="Import from a venue">
        <DataState query={prices}>
          {(d) => <VenueImportForm symbols={d.instruments.map((i) => i.symbol)} />}
        </DataState>
      </Panel>
    </div>
  );
}
