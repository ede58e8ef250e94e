import {
  MAX_VENUE_IMPORT_CANDLES,
  NAMED_VENUES,
  TIMEFRAME_MS,
  type Timeframe,
  VenueImportBody,
  type ImportProgress,
} from '@bytelyst/trading-contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { getCandleImport, useVenueImport } from '../api/candle-series';
import { ImportReport } from './import-report';
import { SymbolTimeframeFields } from './series-key-fields';

const n = (x: number) => x.toLocaleString('en-US');
const DAY_MS = 86_400_000;
/** "2026-02-02T00:00" (a datetime-local value, read as UTC) <-> ISO. */
const toInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const fromInput = (v: string) => (v.trim() === '' ? '' : `${v}:00.000Z`);

/** The venue import's inputs checked as typed: the body's schema, then the candle bound. */
function check(body: Record<string, string>, timeframe: Timeframe): Record<string, string> {
  const out: Record<string, string> = {};
  const parsed = VenueImportBody.safeParse(body);
  if (!parsed.success)
    for (const i of parsed.error.issues) out[String(i.path[0] ?? 'form')] ??= i.message;
  const span = Date.parse(body.to ?? '') - Date.parse(body.from ?? '');
  if (!out.to && span / TIMEFRAME_MS[timeframe] > MAX_VENUE_IMPORT_CANDLES)
    out.to = `At most ${n(MAX_VENUE_IMPORT_CANDLES)} candles per import; shorten the range.`;
  return out;
}

/**
 * Candles from a venue's OHLCV history (ccxt, paged at the venue's rate limit), with the
 * import's progress polled from the server while it runs, and what it stored or why not.
 */
export function VenueImportForm({ symbols }: { symbols: string[] }) {
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const [venue, setVenue] = useState('binance');
  const [symbol, setSymbol] = useState(symbols[0] ?? '');
  const [timeframe, setTimeframe] = useState<Timeframe>('1h');
  const [from, setFrom] = useState(toInput(today - 30 * DAY_MS));
  const [to, setTo] = useState(toInput(today));
  const [server, setServer] = useState<ImportProgress | null>(null);
  const run = useVenueImport();
  const importId = useRef('');

  // While the venue is paged, ask the server how many candles came in (same instance only).
  useEffect(() => {
    if (!run.isPending) return;
    const timer = setInterval(() => {
      getCandleImport(importId.current).then(setServer, () => undefined);
    }, 500);
    return () => clearInterval(timer);
  }, [run.isPending]);

  const body = { venue: venue.trim(), symbol, timeframe, from: fromInput(from), to: fromInput(to) };
  const issues = check(body, timeframe);
  const candles = Math.max(
    0,
    Math.ceil((Date.parse(body.to) - Date.parse(body.from)) / TIMEFRAME_MS[timeframe]),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(issues).length > 0) return;
    importId.current = `imp-${crypto.randomUUID()}`;
    setServer(null);
    run.mutate({ ...body, importId: importId.current });
  };
  const error = (k: string) => (issues[k] ? <small className="neg">{issues[k]}</small> : null);

  return (
    <form className="form" onSubmit={submit} data-testid="venue-import">
      <div className="form-grid">
        <div className={`field ${issues.venue ? 'field-error' : ''}`}>
          <label htmlFor="vi-venue">Venue</label>
          <input
            id="vi-venue"
            list="vi-venues"
            value={venue}
            onChange={(e) => setVenue(e.target.value)}
          />
          <datalist id="vi-venues">
            {[...NAMED_VENUES, 'localbinance'].map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
          <small className="muted">A ccxt exchange id; public candles, no keys needed.</small>
          {error('venue')}
        </div>
        <SymbolTimeframeFields
          idPrefix="vi"
          symbols={symbols}
          symbol={symbol}
          onSymbol={setSymbol}
          timeframe={timeframe}
          onTimeframe={setTimeframe}
        />
        <div className={`field ${issues.from ? 'field-error' : ''}`}>
          <label htmlFor="vi-from">From (UTC)</label>
          <input
            id="vi-from"
            type="datetime-local"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
          {error('from')}
        </div>
        <div className={`field ${issues.to ? 'field-error' : ''}`}>
          <label htmlFor="vi-to">To (UTC, excluded)</label>
          <input
            id="vi-to"
            type="datetime-local"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
          {issues.to ? error('to') : <small className="muted">At most {n(candles)} candles.</small>}
        </div>
      </div>
      {run.isPending && (
        <div className="field" data-testid="venue-import-progress" role="status">
          <label htmlFor="vi-progress">
            {server
              ? `${server.phase === 'storing' ? 'Storing' : 'Fetching'}: ${n(server.candles)} candles received${server.phase === 'storing' ? `, ${n(server.storedCandles)} stored` : ''}`
              : `Asking ${venue} for candles…`}
          </label>
          <progress
            id="vi-progress"
            max={candles || 1}
            value={server ? Math.min(server.candles, candles) : undefined}
          />
        </div>
      )}
      {run.error && <ErrorNotice error={run.error} title="The import failed; nothing was stored" />}
      {run.data && !run.isPending && <ImportReport report={run.data} />}
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={run.isPending || Object.keys(issues).length > 0}
        >
          {run.isPending ? 'Importing…' : 'Import from venue'}
        </button>
      </div>
    </form>
  );
}
