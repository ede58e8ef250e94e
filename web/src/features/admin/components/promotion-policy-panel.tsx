import type { PromotionPolicy } from '@bytelyst/trading-contracts';
import { formatTime } from '@bytelyst/trading-client';
import { useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataState } from '../../../components/data-state';
import { ErrorNotice } from '../../../components/error-notice';
import { Panel } from '../../../components/panel';
import { usePromotionPolicy, usePutPromotionPolicy } from '../api/promotion-policy';
import { draftChanged, draftOf, parseDraft, type PolicyDraft } from '../promotion-policy-draft';

/**
 * The tenant's paper-to-live policy: the record a profile needs before it may trade real money,
 * and the order-size ramp-up of its first live days. Checked as typed against the shared
 * contract; saved with a reason and a confirmation (audited `promotion_policy.set`).
 */
export function PromotionPolicyPanel() {
  const q = usePromotionPolicy();
  // Held here, not in the form: a save re-keys the form on the new policy, and the "saved"
  // notice must outlive that.
  const put = usePutPromotionPolicy();
  return (
    <Panel title="Paper → live promotion">
      <DataState query={q} isEmpty={() => false} empty="">
        {(policy) => <PolicyForm key={policy.updatedAt ?? 'default'} policy={policy} put={put} />}
      </DataState>
    </Panel>
  );
}

type NumberKey = Exclude<keyof PolicyDraft, 'rampUp' | 'reason'>;

const NUMBER_FIELDS: { key: NumberKey; label: string; help: string }[] = [
  { key: 'minPaperDays', label: 'Minimum days on paper', help: 'whole days' },
  { key: 'minTrades', label: 'Minimum closed trades', help: 'round trips in the period' },
  { key: 'recordDays', label: 'Record period (days)', help: 'read back from today' },
  { key: 'minReturnPct', label: 'Minimum return (%)', help: 'net of fees; blank: no bound' },
  { key: 'maxDrawdownPct', label: 'Maximum drawdown (%)', help: 'blank: no bound' },
  { key: 'fullAfterDays', label: 'Ramp-up ends after (days)', help: 'then own limits only' },
];

function PolicyForm({
  policy,
  put,
}: {
  policy: PromotionPolicy;
  put: ReturnType<typeof usePutPromotionPolicy>;
}) {
  const [draft, setDraft] = useState<PolicyDraft>(() => draftOf(policy));
  const [confirming, setConfirming] = useState(false);
  const [tried, setTried] = useState(false);
  const changed = draftChanged(draft, policy);
  const parsed = parseDraft(draft);
  const issues = parsed.ok ? {} : parsed.issues;
  // Problems show as soon as the form is edited; the reason's only once a save is tried.
  const shown = (key: string) =>
    (changed || tried) && (key !== 'reason' || tried) ? issues[key] : undefined;
  const set = (patch: Partial<PolicyDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setStep = (i: number, patch: Partial<PolicyDraft['rampUp'][number]>) =>
    set({ rampUp: draft.rampUp.map((s, j) => (j === i ? { ...s, ...patch } : s)) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (changed && parsed.ok) setConfirming(true);
  };
  const send = () => {
    setConfirming(false);
    if (!parsed.ok) return;
    put.mutate(parsed.body, { onSuccess: () => setTried(false) });
  };

  return (
    <form className="form" onSubmit={submit} data-testid="promotion-policy-form" noValidate>
      <p className="muted small">
        A profile moves from paper to a live venue account only when its paper record over the
        period meets these requirements, and only when its owner confirms. Its first live orders are
        capped by the ramp-up below (copied onto the profile at that moment).
      </p>
      <div className="form-grid">
        {NUMBER_FIELDS.map((f) => (
          <div key={f.key} className={`field ${shown(f.key) ? 'field-error' : ''}`}>
            <label htmlFor={`pp-${f.key}`}>{f.label}</label>
            <input
              id={`pp-${f.key}`}
              inputMode="decimal"
              value={draft[f.key]}
              onChange={(e) => set({ [f.key]: e.target.value })}
            />
            {shown(f.key) ? (
              <small className="neg" data-testid={`pp-error-${f.key}`}>
                {shown(f.key)}
              </small>
            ) : (
              <small className="muted">{f.help}</small>
            )}
          </div>
        ))}
      </div>
      <fieldset className="field" data-testid="pp-ramp-up">
        <legend>Ramp-up: largest order notional from each day after going live</legend>
        {draft.rampUp.map((s, i) => (
          <div key={i} className="row">
            <label htmlFor={`pp-step-${i}-day`} className="small">
              From day
            </label>
            <input
              id={`pp-step-${i}-day`}
              inputMode="numeric"
              style={{ width: 80 }}
              value={s.fromDay}
              onChange={(e) => setStep(i, { fromDay: e.target.value })}
            />
            <label htmlFor={`pp-step-${i}-cap`} className="small">
              orders up to
            </label>
            <input
              id={`pp-step-${i}-cap`}
              inputMode="decimal"
              style={{ width: 120 }}
              value={s.maxOrderNotional}
              onChange={(e) => setStep(i, { maxOrderNotional: e.target.value })}
            />
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              disabled={draft.rampUp.length === 1}
              onClick={() => set({ rampUp: draft.rampUp.filter((_, j) => j !== i) })}
            >
              Remove
            </button>
            {(shown(`rampUp.${i}.fromDay`) ?? shown(`rampUp.${i}.maxOrderNotional`)) && (
              <small className="neg" data-testid={`pp-error-step-${i}`}>
                {shown(`rampUp.${i}.fromDay`) ?? shown(`rampUp.${i}.maxOrderNotional`)}
              </small>
            )}
          </div>
        ))}
        {shown('rampUp') && (
          <small className="neg" data-testid="pp-error-rampUp">
            {shown('rampUp')}
          </small>
        )}
        <div>
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            disabled={draft.rampUp.length >= 10}
            onClick={() => {
              const last = draft.rampUp.at(-1);
              const day = last ? Number(last.fromDay) + 1 : 0;
              set({
                rampUp: [
                  ...draft.rampUp,
                  { fromDay: String(Number.isFinite(day) ? day : 0), maxOrderNotional: '' },
                ],
              });
            }}
          >
            Add a step
          </button>
        </div>
      </fieldset>
      <p className="muted small" data-testid="promotion-policy-updated">
        {policy.updatedAt
          ? `Last set ${formatTime(policy.updatedAt)} by ${policy.updatedBy ?? 'unknown'}.`
          : 'Default policy: 7 days and 5 closed trades on paper; 100 then 500 from day 3; own limits after 7 days.'}
      </p>
      <div className={`field ${shown('reason') ? 'field-error' : ''}`}>
        <label htmlFor="pp-reason">Reason (required, recorded in the audit log)</label>
        <input
          id="pp-reason"
          value={draft.reason}
          onChange={(e) => set({ reason: e.target.value })}
          placeholder="e.g. first live desk opens"
        />
        {shown('reason') && (
          <small className="neg" data-testid="pp-error-reason">
            {shown('reason')}
          </small>
        )}
      </div>
      {put.error && <ErrorNotice error={put.error} title="The policy was not changed" />}
      {put.isSuccess && !changed && (
        <div className="notice notice-ok" data-testid="promotion-policy-ok">
          Saved. Reviews use it from now on; profiles already live keep the ramp-up they agreed to.
        </div>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-ghost"
          disabled={!changed}
          onClick={() => {
            setDraft(draftOf(policy));
            setTried(false);
          }}
        >
          Reset
        </button>
        <button type="submit" className="btn btn-primary" disabled={!changed || put.isPending}>
          Save…
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Change the promotion policy?"
        confirmLabel="Save"
        busy={put.isPending}
        onConfirm={send}
        onCancel={() => setConfirming(false)}
      >
        {parsed.ok && (
          <>
            <p>
              {parsed.body.minPaperDays} day(s) and {parsed.body.minTrades} closed trade(s) on paper
              over {parsed.body.recordDays} days
              {parsed.body.minReturnPct !== null &&
                `, a return of at least ${parsed.body.minReturnPct} %`}
              {parsed.body.maxDrawdownPct !== null &&
                `, a drawdown of at most ${parsed.body.maxDrawdownPct} %`}
              .
            </p>
            <p>
              Ramp-up:{' '}
              {parsed.body.rampUp
                .map((s) => `${s.maxOrderNotional} from day ${s.fromDay}`)
                .join(', ')}
              ; own limits after {parsed.body.fullAfterDays} days.
            </p>
          </>
        )}
        <p className="muted">Reason: “{draft.reason.trim()}”</p>
      </ConfirmDialog>
    </form>
  );
}
