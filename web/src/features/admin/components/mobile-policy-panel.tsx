import {
  MOBILE_ACTIONS,
  Reason,
  type MobileAction,
  type MobilePolicy,
} from '@bytelyst/trading-contracts';
import { formatTime } from '@bytelyst/trading-client';
import { useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataState } from '../../../components/data-state';
import { ErrorNotice } from '../../../components/error-notice';
import { Panel } from '../../../components/panel';
import { useMobilePolicy, usePutMobilePolicy } from '../api/mobile-policy';

export const MOBILE_ACTION_TEXT: Record<MobileAction, { label: string; about: string }> = {
  'profile.pause': {
    label: 'Pause own profiles',
    about: 'A user stops new entries on one of their own profiles; exits are still managed.',
  },
  'profile.resume': {
    label: 'Resume own profiles',
    about: 'A user starts one of their own paused profiles again.',
  },
  'position.close': {
    label: 'Close a position',
    about: 'Closes at market through every control and risk rule.',
  },
  'alert.acknowledge': {
    label: 'Acknowledge alerts',
    about: 'Marks an alert as seen; changes no trading state.',
  },
};

/**
 * The tenant's approved mobile interventions. The backend enforces them on every request from
 * the app; the web keeps every action. Each change needs a reason and a confirmation (audited).
 */
export function MobilePolicyPanel() {
  const q = useMobilePolicy();
  return (
    <Panel title="Mobile interventions">
      <DataState query={q} isEmpty={() => false} empty="">
        {(policy) => <PolicyForm key={policy.updatedAt ?? 'default'} policy={policy} />}
      </DataState>
    </Panel>
  );
}

function PolicyForm({ policy }: { policy: MobilePolicy }) {
  const put = usePutMobilePolicy();
  const [allowed, setAllowed] = useState<ReadonlySet<MobileAction>>(new Set(policy.allowed));
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const reasonOk = Reason.safeParse(reason.trim()).success;
  const changed =
    allowed.size !== policy.allowed.length || policy.allowed.some((a) => !allowed.has(a));
  const toggle = (a: MobileAction) =>
    setAllowed((s) => {
      const next = new Set(s);
      if (next.has(a)) next.delete(a);
      else next.add(a);
      return next;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (changed && reasonOk) setConfirming(true);
  };
  const send = () => {
    setConfirming(false);
    put.mutate(
      { allowed: MOBILE_ACTIONS.filter((a) => allowed.has(a)), reason: reason.trim() },
      { onSuccess: () => setReason('') },
    );
  };
  const list = MOBILE_ACTIONS.filter((a) => allowed.has(a))
    .map((a) => MOBILE_ACTION_TEXT[a].label)
    .join(', ');
  return (
    <form className="form" onSubmit={submit} data-testid="mobile-policy-form">
      <p className="muted small">
        What users of your organisation may do from the mobile app (each action asks for a
        confirmation and, on a phone, the device&apos;s biometric check). Everything else on mobile
        is monitoring only; the web dashboard keeps every action.
      </p>
      {MOBILE_ACTIONS.map((a) => (
        <div key={a} className="field">
          <label htmlFor={`mobile-policy-${a}`}>
            <input
              id={`mobile-policy-${a}`}
              type="checkbox"
              checked={allowed.has(a)}
              onChange={() => toggle(a)}
            />{' '}
            {MOBILE_ACTION_TEXT[a].label}{' '}
            <span className="muted small">— {MOBILE_ACTION_TEXT[a].about}</span>
          </label>
        </div>
      ))}
      <p className="muted small" data-testid="mobile-policy-updated">
        {policy.updatedAt
          ? `Last set ${formatTime(policy.updatedAt)} by ${policy.updatedBy ?? 'unknown'}.`
          : 'Default policy: acknowledging alerts only.'}
      </p>
      <div className="field">
        <label htmlFor="mobile-policy-reason">Reason (required, recorded in the audit log)</label>
        <input
          id="mobile-policy-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. on-call phones may pause during incidents"
        />
      </div>
      {put.error && <ErrorNotice error={put.error} title="Nothing was changed" />}
      {put.isSuccess && !changed && (
        <div className="notice notice-ok" data-testid="mobile-policy-ok">
          Saved. The app shows the new set at its next refresh.
        </div>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!changed || !reasonOk || put.isPending}
        >
          Save…
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Change the mobile policy?"
        confirmLabel="Save"
        busy={put.isPending}
        onConfirm={send}
        onCancel={() => setConfirming(false)}
      >
        <p>Allowed from the app: {list || 'nothing (monitoring only)'}.</p>
        <p className="muted">Reason: “{reason.trim()}”</p>
      </ConfirmDialog>
    </form>
  );
}
