import {
  DYNAMIC_CONFIG_CATALOG,
  DYNAMIC_CONFIG_KEYS,
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
import {
  configJsonSchema,
  describeConfigDefault,
  describeConfigSchema,
} from '../config-schema-text';

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

/** The key's form control: a select for booleans and enums, a text box otherwise. */
function choicesOf(key: DynamicConfigKey): string[] | null {
  const schema = configJsonSchema(key);
  if (schema.type === 'boolean') return ['true', 'false'];
  return schema.enum ? schema.enum.map(String) : null;
}

const textOf = (value: DynamicConfigEntry['value'] | undefined) =>
  value === null || value === undefined ? '' : String(value);

function ConfigRow({
  configKey: key,
  entry,
  draft,
  onConflict,
}: {
  configKey: DynamicConfigKey;
  /** Undefined while the key is not stored: the row then creates it (expectedVersion 0). */
  entry: DynamicConfigEntry | undefined;
  draft: Conflict['draft'] | undefined;
  onConflict: (c: Conflict) => void;
}) {
  const put = usePutConfig();
  const fallback: DynamicConfigEntry['value'] = DYNAMIC_CONFIG_CATALOG[key].default;
  const [text, setText] = useState(draft?.text ?? textOf(entry ? entry.value : fallback));
  const [reason, setReason] = useState(draft?.reason ?? '');
  const value = coerceConfigValue(key, text);
  const check = parseDynamicConfigValue(key, value);
  // Creating a key with its default is a change too: it pins the value against env changes.
  const changed = !entry || JSON.stringify(value) !== JSON.stringify(entry.value);
  const stale = isApiError(put.error) && put.error.code === 'VERSION_CONFLICT';
  const choices = choicesOf(key);

  return (
    <tr data-testid={`config-${key}`} data-stored={entry ? 'yes' : 'no'}>
      <td>
        <div className="mono small">{key}</div>
        <div className="muted small">{DYNAMIC_CONFIG_CATALOG[key].about}</div>
        <div className="muted small" data-testid="config-schema">
          Accepts: {describeConfigSchema(key)}
        </div>
        <div className="muted small" data-testid="config-default">
          Default: {describeConfigDefault(key)}
        </div>
      </td>
      <td>
        {choices ? (
          <select aria-label={key} value={text} onChange={(e) => setText(e.target.value)}>
            {choices.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        ) : (
          <input aria-label={key} value={text} onChange={(e) => setText(e.target.value)} />
        )}
        {!check.success && <div className="neg small">{check.error.issues[0]?.message}</div>}
      </td>
      <td>
        <input
          aria-label={`Reason for ${key}`}
          placeholder="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          disabled={!changed}
        />
      </td>
      <td className="r num">{entry ? entry.version : '–'}</td>
      <td className="muted small">
        {entry ? (
          <>
            {formatTime(entry.updatedAt)}
            {entry.updatedBy && <div>{entry.updatedBy.id}</div>}
          </>
        ) : (
          'Not set: default in effect'
        )}
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
                key,
                value: check.data as DynamicConfigEntry['value'],
                // 0 creates the key; a stored key's version guards against a lost update.
                expectedVersion: entry?.version ?? 0,
                reason: reason.trim(),
              },
              {
                onSuccess: () => setReason(''),
                onError: (e) => {
                  if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
                    onConflict({
                      key,
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
          {entry ? 'Save' : 'Create'}
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
      <DataState query={config}>
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
                {DYNAMIC_CONFIG_KEYS.map((k) => {
                  // Every typed key has a row, stored or not, so a fresh install can create it.
                  const e = d.entries.find((x) => x.key === k);
                  return (
                    // Keyed by version so a refetched entry resets the row's draft to the new value.
                    <ConfigRow
                      key={`${k}@${e?.version ?? 0}${conflict?.key === k ? '@draft' : ''}`}
                      configKey={k}
                      entry={e}
                      draft={conflict?.key === k ? conflict.draft : undefined}
                      onConflict={setConflict}
                    />
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </DataState>
    </Panel>
  );
}
