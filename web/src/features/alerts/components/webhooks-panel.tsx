import type { CreatedWebhook, WebhookEndpoint, WebhookFormat } from '@bytelyst/trading-contracts';
import { formatTime } from '@bytelyst/trading-client';
import { useState } from 'react';
import { Badge } from '../../../components/badge';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorNotice } from '../../../components/error-notice';
import { Panel } from '../../../components/panel';
import { Table } from '../../../components/table';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useRotateWebhookSecret,
  useTestWebhook,
  useWebhooks,
} from '../api/webhooks';

const FORMATS: { id: WebhookFormat; label: string }[] = [
  { id: 'json', label: 'Generic (JSON)' },
  { id: 'slack', label: 'Slack' },
  { id: 'discord', label: 'Discord' },
];
const FORMAT_LABEL = Object.fromEntries(FORMATS.map((f) => [f.id, f.label])) as Record<
  WebhookFormat,
  string
>;

/**
 * Where webhook alerts go. A new endpoint's signing secret (and a rotated one) is shown once,
 * here, and never again: the list shows it masked. The backend refuses addresses inside the
 * network (loopback, private, link-local, cloud metadata) with the reason.
 */
export function WebhooksPanel() {
  const q = useWebhooks();
  const [secret, setSecret] = useState<CreatedWebhook | null>(null);
  return (
    <Panel title="Webhook endpoints">
      <p className="muted small">
        Alerts your webhook rule admits are POSTed here, signed with the endpoint&apos;s secret
        (header <code>x-bytelyst-signature</code>).
      </p>
      {q.error ? <ErrorNotice error={q.error} /> : null}
      {secret ? <SecretOnce created={secret} onDone={() => setSecret(null)} /> : null}
      {q.data && q.data.items.length > 0 ? (
        <Table columns={['Endpoint', 'Format', 'Secret', 'Last delivery', '']} testId="webhooks">
          {q.data.items.map((w) => (
            <WebhookRow key={w.id} hook={w} onSecret={setSecret} />
          ))}
        </Table>
      ) : q.data ? (
        <p className="muted">No endpoints yet.</p>
      ) : null}
      <AddWebhookForm onCreated={setSecret} />
    </Panel>
  );
}

function SecretOnce(props: { created: CreatedWebhook; onDone: () => void }) {
  return (
    <div className="notice notice-warn" role="status" data-testid="webhook-secret">
      <strong>Signing secret for {props.created.url}</strong>
      <span>
        Shown only now. Store it in the receiver; afterwards only its last four characters show.
      </span>
      <code className="secret">{props.created.secret}</code>
      <span className="row gap">
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={() => void navigator.clipboard?.writeText(props.created.secret)}
        >
          Copy
        </button>
        <button type="button" className="btn btn-primary btn-sm" onClick={props.onDone}>
          I have stored it
        </button>
      </span>
    </div>
  );
}

function WebhookRow(props: { hook: WebhookEndpoint; onSecret: (c: CreatedWebhook) => void }) {
  const w = props.hook;
  const test = useTestWebhook();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  const [confirm, setConfirm] = useState<'delete' | 'rotate' | null>(null);
  const last = w.lastDelivery;
  return (
    <tr data-testid={`webhook-${w.id}`}>
      <td>
        <code className="small">{w.url}</code>
      </td>
      <td>{FORMAT_LABEL[w.format]}</td>
      <td>
        <code>{w.secretHint}</code>
      </td>
      <td data-testid="webhook-last">
        {last ? (
          <>
            <Badge tone={last.ok ? 'ok' : 'danger'}>{last.ok ? 'delivered' : 'failed'}</Badge>{' '}
            <span className="muted small">
              {formatTime(last.at)}
              {last.error ? ` · ${last.error}` : ''}
            </span>
          </>
        ) : (
          <span className="muted small">never</span>
        )}
        {test.error ? <ErrorNotice error={test.error} title="Test not sent" /> : null}
        {rotate.error ? <ErrorNotice error={rotate.error} title="Not rotated" /> : null}
        {remove.error ? <ErrorNotice error={remove.error} title="Not removed" /> : null}
      </td>
      <td className="row gap">
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          disabled={test.isPending}
          onClick={() => test.mutate(w.id)}
        >
          {test.isPending ? 'Sending…' : 'Send test'}
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => setConfirm('rotate')}>
          Rotate secret
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => setConfirm('delete')}>
          Remove
        </button>
        <ConfirmDialog
          open={confirm !== null}
          title={confirm === 'delete' ? 'Remove this endpoint?' : 'Replace the signing secret?'}
          confirmLabel={confirm === 'delete' ? 'Remove' : 'Rotate'}
          danger={confirm === 'delete'}
          busy={rotate.isPending || remove.isPending}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const done = () => setConfirm(null);
            if (confirm === 'delete') remove.mutate(w.id, { onSettled: done });
            else
              rotate.mutate(w.id, {
                onSuccess: (c) => props.onSecret(c),
                onSettled: done,
              });
          }}
        >
          {confirm === 'delete'
            ? `Alerts stop going to ${w.url}.`
            : 'The old secret stops working at once: the receiver must switch to the new one, which is shown once.'}
        </ConfirmDialog>
      </td>
    </tr>
  );
}

function AddWebhookForm(props: { onCreated: (c: CreatedWebhook) => void }) {
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<WebhookFormat>('json');
  const create = useCreateWebhook();
  return (
    <div data-testid="add-webhook">
      <form
        className="row gap wrap"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { url: url.trim(), format },
            {
              onSuccess: (c) => {
                props.onCreated(c);
                setUrl('');
              },
            },
          );
        }}
      >
        <label>
          URL{' '}
          <input
            type="url"
            required
            placeholder="https://hooks.slack.com/services/…"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            size={48}
          />
        </label>
        <label>
          Payload{' '}
          <select value={format} onChange={(e) => setFormat(e.target.value as WebhookFormat)}>
            {FORMATS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          Add endpoint
        </button>
      </form>
      {create.error ? <ErrorNotice error={create.error} title="Endpoint not added" /> : null}
    </div>
  );
}
