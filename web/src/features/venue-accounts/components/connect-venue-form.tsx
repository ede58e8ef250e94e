import { ConnectVenueAccountBody, NAMED_VENUES } from '@bytelyst/trading-contracts';
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { issuesByField } from '../../../components/form-issues';
import { useConnectVenueAccount } from '../api/venue-accounts';
import { VENUE_LABELS } from '../venue-name';

const OTHER = '__other';

/**
 * Connect form. Fields are checked against the contract as they are typed (the same zod schema
 * the backend applies); the keys themselves are checked by the backend, which reads the balance
 * at the venue and shows the venue's own error code when it refuses.
 */
export function ConnectVenueForm(props: { canShare: boolean; onDone: () => void }) {
  const [venue, setVenue] = useState<string>('binance');
  const [otherId, setOtherId] = useState('');
  const [label, setLabel] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [secret, setSecret] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [mode, setMode] = useState<'sandbox' | 'live'>('sandbox');
  const [shared, setShared] = useState(false);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const connect = useConnectVenueAccount();

  const body = {
    venueId: venue === OTHER ? otherId.trim() : venue,
    label,
    apiKey,
    secret,
    ...(passphrase ? { passphrase } : {}),
    mode,
    shared,
  };
  const parsed = ConnectVenueAccountBody.safeParse(body);
  const local: Record<string, string> = {};
  if (!parsed.success)
    for (const issue of parsed.error.issues) local[String(issue.path[0])] ??= issue.message;
  const server = issuesByField(connect.error);
  const errorOf = (field: string) => (touched[field] ? local[field] : undefined) ?? server[field];
  const touch = (field: string) => setTouched((t) => ({ ...t, [field]: true }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched({ venueId: true, label: true, apiKey: true, secret: true, passphrase: true });
    if (!parsed.success) return;
    connect.mutate(parsed.data, {
      onSuccess: () => {
        // The form never keeps credentials once they have been sent.
        setApiKey('');
        setSecret('');
        setPassphrase('');
        props.onDone();
      },
    });
  };

  const field = (name: string, text: string, input: React.ReactNode) => (
    <div className={`field ${errorOf(name) ? 'field-error' : ''}`}>
      <label htmlFor={`va-${name}`}>{text}</label>
      {input}
      {errorOf(name) && (
        <small className="neg" data-testid={`va-error-${name}`}>
          {errorOf(name)}
        </small>
      )}
    </div>
  );

  return (
    <form className="form" onSubmit={submit} data-testid="connect-venue-form" autoComplete="off">
      <div className="form-grid">
        {field(
          'venueId',
          'Venue',
          <select id="va-venueId" value={venue} onChange={(e) => setVenue(e.target.value)}>
            {[...NAMED_VENUES, 'localbinance'].map((v) => (
              <option key={v} value={v}>
                {VENUE_LABELS[v] ?? v}
              </option>
            ))}
            <option value={OTHER}>Other (ccxt exchange id)</option>
          </select>,
        )}
        {venue === OTHER &&
          field(
            'venueId',
            'ccxt exchange id',
            <input
              id="va-venueId-other"
              value={otherId}
              onChange={(e) => setOtherId(e.target.value)}
              onBlur={() => touch('venueId')}
              placeholder="e.g. kucoin"
            />,
          )}
        {field(
          'label',
          'Label',
          <input
            id="va-label"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            onBlur={() => touch('label')}
            placeholder="e.g. Main account"
          />,
        )}
        {field(
          'mode',
          'Mode',
          <select
            id="va-mode"
            value={mode}
            onChange={(e) => setMode(e.target.value as 'sandbox' | 'live')}
          >
            <option value="sandbox">Sandbox (test funds)</option>
            <option value="live">Live (real money)</option>
          </select>,
        )}
        {field(
          'apiKey',
          'API key',
          <input
            id="va-apiKey"
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            onBlur={() => touch('apiKey')}
            spellCheck={false}
          />,
        )}
        {field(
          'secret',
          'API secret',
          <input
            id="va-secret"
            type="password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            onBlur={() => touch('secret')}
          />,
        )}
        {field(
          'passphrase',
          'Passphrase (only if the venue gave one)',
          <input
            id="va-passphrase"
            type="password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            onBlur={() => touch('passphrase')}
          />,
        )}
        {props.canShare && (
          <div className="field">
            <label htmlFor="va-shared">
              <input
                id="va-shared"
                type="checkbox"
                checked={shared}
                onChange={(e) => setShared(e.target.checked)}
              />{' '}
              Shared by the whole tenant
            </label>
          </div>
        )}
      </div>
      <p className="muted small">
        Use keys that can read and trade but not withdraw; keys that can withdraw are refused where
        the venue tells. Keys are stored encrypted and never shown again.
      </p>
      {connect.error !== null && (
        <ErrorNotice error={connect.error} title="The account was not connected" />
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={connect.isPending}>
          {connect.isPending ? 'Checking keys…' : 'Connect'}
        </button>
        <button type="button" className="btn" onClick={props.onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
