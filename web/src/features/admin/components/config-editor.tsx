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
  /** The operator's draft, kept across the refetch that loads the other writer's value. */
  draft: { text: string; reason: string };
}

function ConfigRow({
  entry,
  draft,
  onConflict,
}: {
  entry: DynamicConfigEntry;
  draft: Conflict['draft'] | undefined;
  onConflict: (c: Conflict) => void;
}) {
  const put = usePutConfig();
  const [text, setText] = useState(
    draft?.text ?? (entry.value === null ? '' : String(entry.value)),
  );
  const [reason, setReason] = useState(draft?.reason ?? '');
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
                    onConflict({
                      key: entry.key,
                      attempted: value,
                      requestId: e.requestId,
                      draft: { text, reason },
                    });
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
  const current = conflict ? config.data?.entries.find((e) => e.key === conflict.key) : undefined;
  return (
    <Panel title="Dynamic config">
      {conflict && (
        <div className="notice notice-warn" role="alert" data-testid="config-conflict">
          <strong>
            <code>{conflict.key}</code> was changed by someone else before your save.
          </strong>
          <span>
            Yours (not saved, kept in the form below): {JSON.stringify(conflict.attempted)}.
            Current: {current ? JSON.stringify(current.value) : '…'}
            {current && (
              <>
                {' '}
                (version {current.version}
                {current.updatedBy ? `, by ${current.updatedBy.id}` : ''})
              </>
            )}
            . Save again to put yours over it, or dismiss to keep the current one.
          </span>
          <span className="notice-meta">
            code <code>VERSION_CONFLICT</code> · request id <code>{conflict.requestId}</code>{' '}
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => setConflict(null)}
              data-testid="config-conflict-dismiss"
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
                  <ConfigRow
                    key={`${e.key}@${e.version}${conflict?.key === e.key ? '@draft' : ''}`}
                    entry={e}
                    draft={conflict?.key === e.key ? conflict.draft : undefined}
                    onConflict={setConflict}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </DataState>
    </Panel>
  );
}
