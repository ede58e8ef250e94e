import {
  AlertKind,
  type AlertSeverity,
  type NotificationChannel,
  type NotificationSettings,
} from '@bytelyst/trading-contracts';
import { useState } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { Panel } from '../../../components/panel';
import { useNotificationSettings, useSaveNotificationSettings } from '../api/notification-settings';

const CHANNELS: { id: NotificationChannel; label: string }[] = [
  { id: 'email', label: 'E-mail' },
  { id: 'push', label: 'Phone (push)' },
  { id: 'webhook', label: 'Webhooks' },
];
const SEVERITIES: AlertSeverity[] = ['info', 'warning', 'critical'];

/** Which alerts reach the user outside the app, and when (docs/OPERATIONS.md). */
export function NotificationSettingsPanel() {
  const q = useNotificationSettings();
  return (
    <Panel title="Notification settings">
      {q.error ? <ErrorNotice error={q.error} /> : null}
      {q.data ? <SettingsForm initial={q.data} /> : null}
    </Panel>
  );
}

function SettingsForm({ initial }: { initial: NotificationSettings }) {
  const [s, setS] = useState<NotificationSettings>(initial);
  const save = useSaveNotificationSettings();
  const ruleOf = (channel: NotificationChannel) =>
    s.rules.find((r) => r.channel === channel) ?? {
      channel,
      enabled: false,
      kinds: [],
      minSeverity: 'warning' as const,
    };
  const setRule = (
    channel: NotificationChannel,
    patch: { enabled?: boolean; minSeverity?: AlertSeverity },
  ) =>
    setS({
      ...s,
      rules: [...s.rules.filter((r) => r.channel !== channel), { ...ruleOf(channel), ...patch }],
    });
  const toggleMuted = (kind: AlertKind) =>
    setS({
      ...s,
      mutedKinds: s.mutedKinds.includes(kind)
        ? s.mutedKinds.filter((k) => k !== kind)
        : [...s.mutedKinds, kind],
    });
  return (
    <form
      data-testid="notification-settings"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(s);
      }}
    >
      <label>
        E-mail address{' '}
        <input
          type="email"
          value={s.email ?? ''}
          onChange={(e) => setS({ ...s, email: e.target.value || null })}
        />
      </label>
      {CHANNELS.map((c) => {
        const rule = ruleOf(c.id);
        return (
          <div key={c.id} className="row gap">
            <label>
              <input
                type="checkbox"
                checked={rule.enabled}
                onChange={(e) => setRule(c.id, { enabled: e.target.checked })}
              />{' '}
              {c.label}
            </label>
            <label>
              from{' '}
              <select
                aria-label={`${c.label} minimum severity`}
                value={rule.minSeverity}
                onChange={(e) => setRule(c.id, { minSeverity: e.target.value as AlertSeverity })}
              >
                {SEVERITIES.map((sev) => (
                  <option key={sev} value={sev}>
                    {sev}
                  </option>
                ))}
              </select>
            </label>
          </div>
        );
      })}
      <fieldset>
        <legend>Never send</legend>
        {AlertKind.options.map((k) => (
          <label key={k} className="small">
            <input
              type="checkbox"
              checked={s.mutedKinds.includes(k)}
              onChange={() => toggleMuted(k)}
            />{' '}
            {k.replace('_', ' ')}
          </label>
        ))}
      </fieldset>
      <label>
        <input
          type="checkbox"
          checked={s.quietHours !== null}
          onChange={(e) =>
            setS({
              ...s,
              quietHours: e.target.checked
                ? {
                    start: '22:00',
                    end: '07:00',
                    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
                    allowCritical: true,
                  }
                : null,
            })
          }
        />{' '}
        Quiet hours
        {s.quietHours
          ? ` ${s.quietHours.start}–${s.quietHours.end} (${s.quietHours.timeZone}), critical still sent`
          : ''}
      </label>
      <label>
        <input
          type="checkbox"
          checked={s.digest.enabled}
          onChange={(e) => setS({ ...s, digest: { ...s.digest, enabled: e.target.checked } })}
        />{' '}
        Hourly digest for info alerts
      </label>
      {save.error ? <ErrorNotice error={save.error} title="Not saved" /> : null}
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {save.isSuccess && !save.isPending ? 'Saved' : 'Save'}
      </button>
    </form>
  );
}
