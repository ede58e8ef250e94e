import {
  DYNAMIC_CONFIG_SCHEMAS,
  parseDynamicConfigValue,
  Reason,
  type DynamicConfigEntry,
  type DynamicConfigKey,
} from '@bytelyst/trading-contracts';
import { useState } from 'react';
import { DataState } from '../../../components/data-state';
import { ErrorNotice } from '../../../components/error-notice';
import { Panel } from '../../../components/panel';
import { isApiError } from '@bytelyst/trading-client';
import { formatTime } from '@bytelyst/trading-client';
import { useConfig, usePutConfig } from '../api/admin';

/** Reads the text box into the type the key's schema wants (boolean, number, string or null). */
export function coerceConfigValue(key: DynamicConfigKey, text: string): unknown {
  const t = text.trim();
  const sample = DYNAMIC_CONFIG_SCHEMAS[key];
  if (sample.safeParse(true).success || sample.safeParse(false).success)
    return t === 'true' ? true : t === 'false' ? false : t;
  if (t === '' && sample.safeParse(null).success) return null;
  if (sample.safeParse(1000).success || sample.safeParse(1).success)
    return t === '' ? t : Number(t);
  return t;
}

interface Conflict {
  key: string;
  attempted: unknown;
  requestId: string;
}

function ConfigRow({
  entry,
  onConflict,
}: {
  entry: DynamicConfigEntry;
  onConflict: (c: Conflict) => void;
}) {
  const put = usePutConfig();
  const [text, setText] = useState(entry.value === null ? '' : String(entry.value));
  const [reason, setReason] = useState('');
  const value = coerceConfigValue(entry.key, text);
  const check = parseDynamicConfigValue(entry.key, value);
  const changed = JSON.stringify(value) !== JSON.stringify(entry.value);
  const stale = isApiError(put.error) && put.error.code === 'VERSION_CONFLICT';
  const isBool = typeof entry.value === 'boolean';

  return (
    <tr data-testid={`config-${entry.key}`}>
      <td className="mono small">{entry.key}</td>
      <td>
        {isBool ? (
          <select aria-label={entry.key} value={text} onChange={(e) => setText(e.target.value)}>
            <option value="true">true</option>
            <option value="false">false</option>
          </select>
        ) : (
          <input aria-label={entry.key} value={text} onChange={(e) => setText(e.target.value)} />
        )}
        {!check.success && <div className="neg small">{check.error.issues[0]?.message}</div>}
      </td>
      <td>
        <input
          aria-label={`Reason for ${entry.key}`}
          placeholder="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          disabled={!changed}
        />
      </td>
      <td className="r num">{entry.version}</td>
      <td className="muted small">
        {formatTime(entry.updatedAt)}
        {entry.updatedBy && <div>{entry.updatedBy.id}</div>}
      </td>
      <td className="r">
        <button
          type="button"
          className="btn btn-primary btn-sm"
          disabled={
            !changed || !check.success || !Reason.safeParse(reason).success || put.isPending
          }
          onClick={() =>
            put.mutate(
              {
                key: entry.key,
                value: check.data as DynamicConfigEntry['value'],
                expectedVersion: entry.version,
                reason: reason.trim(),
              },
              {
                onSuccess: () => setReason(''),
                onError: (e) => {
                  if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
                    onConflict({ key: entry.key, attempted: value, requestId: e.requestId });
                  }
                },
              },
            )
          }
        >
          Save
        </button>
        {put.error && !stale && <ErrorNotice error={put.error} title="Not saved" />}
      </td>
    </tr>
  );
}

/** Optimistic concurrency: every save sends the version it was based on; a stale one gets 409. */
export function ConfigEditor() {
  const config = useConfig();
  // Kept here, not in the row: the row remounts when the refetched entry has a new version.
  const [conflict, setConflict] = useState<Conflict | null>(null);
  return (
    <Panel title="Dynamic config">
      {conflict && (
        <div className="notice notice-warn" role="alert" data-testid="config-conflict">
          <strong>
            <code>{conflict.key}</code> was changed by someone else before your save.
          </strong>
          <span>
            Your value {JSON.stringify(conflict.attempted)} was not saved. The current value is
            loaded below; review it and save again if still needed.
          </span>
          <span className="notice-meta">
            code <code>VERSION_CONFLICT</code> · request id <code>{conflict.requestId}</code>{' '}
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => setConflict(null)}
            >
              Dismiss
            </button>
          </span>
        </div>
      )}
      <DataState
        query={config}
        isEmpty={(d) => d.entries.length === 0}
        empty="No dynamic config entries."
      >
        {(d) => (
          <div className="table-wrap">
            <table className="table" data-testid="config-table">
              <thead>
                <tr>
                  <th>Key</th>
                  <th>Value</th>
                  <th>Reason</th>
                  <th className="r">Version</th>
                  <th>Updated</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {d.entries.map((e) => (
                  // Keyed by version so a refetched entry resets the row's draft to the new value.
                  <ConfigRow key={`${e.key}@${e.version}`} entry={e} onConflict={setConflict} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </DataState>
    </Panel>
  );
}
