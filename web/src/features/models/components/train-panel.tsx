import {
  FEATURE_IDS,
  MODEL_FEATURES,
  type CandleSeries,
  type FeatureId,
  type ModelTrainingJob,
} from '@bytelyst/trading-contracts';
import { formatTime } from '@bytelyst/trading-client';
import { useEffect, useRef, useState } from 'react';
import { usePrices } from '../../../api/prices';
import { Badge } from '../../../components/badge';
import { ErrorNotice } from '../../../components/error-notice';
import { issuesByField } from '../../../components/form-issues';
import { Panel } from '../../../components/panel';
import { href } from '../../../lib/router';
import { useCancelTraining, useStartTraining, useStoredSeries, useTrainings } from '../api/models';

const DEFAULT_FEATURES: FeatureId[] = ['ret_1', 'ret_5', 'ret_20', 'rsi_14', 'vol_20'];
const SIMULATED = 'simulated';
const seriesKey = (s: CandleSeries) => `${s.symbol}|${s.timeframe}|${s.venue}`;

/** The train form: data source (simulated or a stored series), model, label and windows. */
function TrainForm() {
  const prices = usePrices();
  const series = useStoredSeries();
  const start = useStartTraining();
  const stored = series.data?.items ?? [];
  const [source, setSource] = useState(SIMULATED);
  const [symbol, setSymbol] = useState('BTC-USD');
  const [timeframe, setTimeframe] = useState<'1m' | '5m' | '15m' | '1h'>('1m');
  const [candles, setCandles] = useState(20_000);
  const [kind, setKind] = useState<'logistic' | 'boosted-trees'>('logistic');
  const [features, setFeatures] = useState<FeatureId[]>(DEFAULT_FEATURES);
  const [horizon, setHorizon] = useState(10);
  const [scheme, setScheme] = useState<'walk_forward' | 'purged_kfold'>('walk_forward');
  const [folds, setFolds] = useState(5);
  const [seed, setSeed] = useState(1);
  const picked = stored.find((s) => seriesKey(s) === source) ?? null;
  const errors = issuesByField(start.error);
  const submit = () =>
    start.mutate({
      symbol: picked?.symbol ?? symbol,
      timeframe: picked?.timeframe ?? timeframe,
      source: picked ? { kind: 'stored', venue: picked.venue } : { kind: 'simulated' },
      candles: picked ? Math.min(candles, picked.count) : candles,
      settings: { features, horizon, model: { kind }, seed },
      validation: { kind: scheme, folds },
    });
  const toggle = (f: FeatureId) =>
    setFeatures((fs) => (fs.includes(f) ? fs.filter((x) => x !== f) : [...fs, f]));
  return (
    <form
      className="train-form"
      data-testid="train-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="form-grid">
        <div className={`field ${errors.source ? 'field-error' : ''}`}>
          <label htmlFor="mt-source">Data</label>
          <select id="mt-source" value={source} onChange={(e) => setSource(e.target.value)}>
            <option value={SIMULATED}>Simulated market history</option>
            {stored.map((s) => (
              <option key={seriesKey(s)} value={seriesKey(s)}>
                Stored: {s.symbol} {s.timeframe} · {s.venue} ({s.count.toLocaleString('en-US')}{' '}
                candles)
              </option>
            ))}
          </select>
          {series.isError && (
            <small className="muted">Stored series are not available to you (Data page).</small>
          )}
          {errors.source && <small className="neg">{errors.source}</small>}
        </div>
        {!picked && (
          <>
            <div className="field">
              <label htmlFor="mt-symbol">Symbol</label>
              <select id="mt-symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)}>
                {(prices.data?.instruments ?? [{ symbol }]).map((i) => (
                  <option key={i.symbol} value={i.symbol}>
                    {i.symbol}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="mt-timeframe">Timeframe</label>
              <select
                id="mt-timeframe"
                value={timeframe}
                onChange={(e) => setTimeframe(e.target.value as typeof timeframe)}
              >
                {['1m', '5m', '15m', '1h'].map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </div>
          </>
        )}
        <div className={`field ${errors.candles ? 'field-error' : ''}`}>
          <label htmlFor="mt-candles">Candles (newest)</label>
          <input
            id="mt-candles"
            type="number"
            min={500}
            value={candles}
            onChange={(e) => setCandles(Number(e.target.value))}
          />
          {errors.candles && <small className="neg">{errors.candles}</small>}
        </div>
        <div className="field">
          <label htmlFor="mt-kind">Model</label>
          <select
            id="mt-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as typeof kind)}
          >
            <option value="logistic">Logistic regression</option>
            <option value="boosted-trees">Gradient-boosted trees</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="mt-horizon">Label horizon (candles)</label>
          <input
            id="mt-horizon"
            type="number"
            min={1}
            value={horizon}
            onChange={(e) => setHorizon(Number(e.target.value))}
          />
        </div>
        <div className="field">
          <label htmlFor="mt-scheme">Validation</label>
          <select
            id="mt-scheme"
            value={scheme}
            onChange={(e) => setScheme(e.target.value as typeof scheme)}
          >
            <option value="walk_forward">Walk-forward (expanding)</option>
            <option value="purged_kfold">Purged, embargoed k-fold</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="mt-folds">Windows</label>
          <input
            id="mt-folds"
            type="number"
            min={2}
            max={20}
            value={folds}
            onChange={(e) => setFolds(Number(e.target.value))}
          />
        </div>
        <div className="field">
          <label htmlFor="mt-seed">Seed</label>
          <input
            id="mt-seed"
            type="number"
            min={0}
            value={seed}
            onChange={(e) => setSeed(Number(e.target.value))}
          />
        </div>
      </div>
      <fieldset className={`train-features ${errors.settings ? 'field-error' : ''}`}>
        <legend>Features</legend>
        {FEATURE_IDS.map((f) => (
          <label key={f} title={MODEL_FEATURES[f]} className="small">
            <input type="checkbox" checked={features.includes(f)} onChange={() => toggle(f)} />{' '}
            <code>{f}</code>
          </label>
        ))}
      </fieldset>
      {start.isError && <ErrorNotice error={start.error} title="Training was not queued" />}
      <button
        type="submit"
        className="btn btn-primary"
        disabled={start.isPending || !features.length}
      >
        {start.isPending ? 'Queueing…' : 'Train'}
      </button>
    </form>
  );
}

const TONE = {
  queued: 'muted',
  running: 'info',
  succeeded: 'ok',
  failed: 'danger',
  cancelled: 'muted',
} as const;

/** One job: a progress bar while it runs, its windows and the new version once it succeeded. */
function TrainingRow({ job, canAct }: { job: ModelTrainingJob; canAct: boolean }) {
  const cancel = useCancelTraining();
  const pct = Math.floor(job.progress * 100);
  const active = job.status === 'queued' || job.status === 'running';
  const r = job.request;
  return (
    <li className="training" data-testid={`training-${job.id}`} data-status={job.status}>
      <div className="meter-head">
        <span>
          <strong>{r.symbol}</strong> {r.timeframe} · {r.settings.model.kind} ·{' '}
          {r.source.kind === 'stored' ? `stored (${r.source.venue})` : 'simulated'} ·{' '}
          {r.candles.toLocaleString('en-US')} candles
          <span className="muted small"> · {formatTime(job.createdAt)}</span>
        </span>
        <span>
          <Badge tone={TONE[job.status]}>{job.status}</Badge>
          {active && canAct && (
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate(job.id)}
            >
              Cancel
            </button>
          )}
        </span>
      </div>
      {active && (
        <>
          <div
            className="meter-bar"
            role="progressbar"
            aria-label="Training progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
          >
            <span style={{ width: `${job.progress * 100}%` }} />
          </div>
          <div className="muted small">
            {job.status === 'queued'
              ? 'Queued — waiting for a worker…'
              : (job.stage ?? 'Starting…')}{' '}
            · {pct}%
          </div>
        </>
      )}
      {job.status === 'failed' && (
        <div className="neg small" data-testid="training-error">
          <code>{job.errorCode}</code> {job.error}
        </div>
      )}
      {job.status === 'succeeded' && job.validation && (
        <div className="small" data-testid="training-result">
          <a href={href(`/models/${encodeURIComponent(job.versionId ?? '')}`)}>
            Open the card of <code>{job.versionId}</code>
          </a>{' '}
          · pooled out-of-sample AUC{' '}
          <span className="num">{job.validation.pooled.auc.toFixed(3)}</span> (mean{' '}
          {job.validation.meanAuc.toFixed(3)} ± {job.validation.stdAuc.toFixed(3)} over{' '}
          {job.validation.windows.length} windows)
          <table className="table compact">
            <thead>
              <tr>
                <th>Window</th>
                <th>Test candles</th>
                <th className="r">Train rows</th>
                <th className="r">Log loss</th>
                <th className="r">AUC</th>
                <th className="r">Precision</th>
                <th className="r">Hit rate</th>
              </tr>
            </thead>
            <tbody>
              {job.validation.windows.map((w) => (
                <tr key={w.index}>
                  <td>{w.index + 1}</td>
                  <td className="muted">
                    {formatTime(w.testFrom)} – {formatTime(w.testTo)}
                  </td>
                  <td className="r num">{w.trainRows.toLocaleString('en-US')}</td>
                  <td className="r num">{w.metrics.logLoss.toFixed(4)}</td>
                  <td className="r num">{w.metrics.auc.toFixed(3)}</td>
                  <td className="r num">{w.metrics.precision.toFixed(3)}</td>
                  <td className="r num">{w.metrics.hitRate.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </li>
  );
}

/** Training jobs: the form (tenant admins) and the tenant's recent jobs, polled while active. */
export function TrainPanel({ canAct, onFinished }: { canAct: boolean; onFinished: () => void }) {
  const q = useTrainings();
  const items = q.data?.items ?? [];
  // A job that just finished brings its version into the list below.
  const finished = items.filter((j) => j.status === 'succeeded').length;
  const seen = useRef(finished);
  useEffect(() => {
    if (finished !== seen.current) onFinished();
    seen.current = finished;
  }, [finished, onFinished]);
  return (
    <Panel title="Train a version">
      {canAct ? (
        <TrainForm />
      ) : (
        <p className="muted">
          Tenant admins and operators train versions; you can follow them here.
        </p>
      )}
      {q.isError && <ErrorNotice error={q.error} title="Training jobs could not be loaded" />}
      {q.isPending && <p className="muted">Loading training jobs…</p>}
      {q.data && items.length === 0 && <p className="muted">No training jobs yet.</p>}
      {items.length > 0 && (
        <ul className="trainings" data-testid="trainings">
          {items.slice(0, 5).map((j) => (
            <TrainingRow key={j.id} job={j} canAct={canAct} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
