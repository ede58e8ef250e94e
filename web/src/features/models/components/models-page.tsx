import { isAdminRole, type ModelVersion } from '@bytelyst/trading-contracts';
import { formatTime, useStore } from '@bytelyst/trading-client';
import { useCallback } from 'react';
import { useMe } from '../../../api/me';
import { Badge } from '../../../components/badge';
import { DataState } from '../../../components/data-state';
import { PageHeader, Panel } from '../../../components/panel';
import { previewStore } from '../../../lib/api';
import { href, useRoute } from '../../../lib/router';
import { useModel, useModels } from '../api/models';
import { modelStatus } from '../utils/model-view';
import { ModelCard } from './model-card';
import { TrainPanel } from './train-panel';
import '../models.css';

function ModelRow({ m }: { m: ModelVersion }) {
  const status = modelStatus(m);
  return (
    <tr data-testid={`model-row-${m.id}`}>
      <td>
        <a href={href(`/models/${encodeURIComponent(m.id)}`)}>
          <strong>{m.symbol}</strong>
        </a>
        <div className="muted small">
          <code>{m.id}</code>
        </div>
      </td>
      <td>
        {m.kind} · {m.timeframe}
      </td>
      <td className="muted small">{formatTime(m.createdAt)}</td>
      <td className="r num">{m.metrics.outOfSample.auc.toFixed(3)}</td>
      <td>
        <Badge tone={status.tone}>{status.label}</Badge>
        {status.detail && <div className="muted small">{status.detail}</div>}
      </td>
    </tr>
  );
}

function ModelList({ canAct }: { canAct: boolean }) {
  const q = useModels();
  const refetch = q.refetch;
  const onFinished = useCallback(() => void refetch(), [refetch]);
  return (
    <>
      <PageHeader
        title="Models"
        subtitle="Your tenant's trained model versions. Open one for its card: metrics, calibration, out-of-sample backtest, approval."
      />
      <TrainPanel canAct={canAct} onFinished={onFinished} />
      <Panel title="Versions">
        <DataState
          query={q}
          isEmpty={(d) => d.items.length === 0}
          empty="No model versions yet. A tenant admin trains one with the form above."
        >
          {(d) => (
            <div className="table-wrap">
              <table className="table" data-testid="models-table">
                <thead>
                  <tr>
                    <th>Symbol</th>
                    <th>Kind</th>
                    <th>Created</th>
                    <th className="r">OOS AUC</th>
                    <th>Status</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((m) => (
                    <ModelRow key={m.id} m={m} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </DataState>
      </Panel>
    </>
  );
}

/** The card of one version, with the actions only a tenant admin or operator may take. */
export function ModelCardPage({ id, canAct }: { id: string; canAct: boolean }) {
  const q = useModel(id);
  return (
    <>
      {q.data === undefined && !q.isPending && (
        <p>
          <a href={href('/models')}>← All versions</a>
        </p>
      )}
      <DataState query={q}>{(m) => <ModelCard m={m} canAct={canAct} />}</DataState>
    </>
  );
}

export function ModelsPage() {
  const route = useRoute();
  const role = useMe().data?.role ?? null;
  const preview = useStore(previewStore) === 'customer';
  const canAct = role !== null && isAdminRole(role) && !preview;
  const id = route.segments[1];
  return id ? <ModelCardPage id={id} canAct={canAct} /> : <ModelList canAct={canAct} />;
}
