import { Reason, type ModelVersion } from '@bytelyst/trading-contracts';
import { formatTime } from '@bytelyst/trading-client';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorNotice } from '../../../components/error-notice';
import { useApproveModel, useDisableModel } from '../api/models';

type Action = 'approve' | 'disable';

const COPY: Record<
  Action,
  { field: string; button: string; title: string; confirm: string; consequence: string }
> = {
  approve: {
    field: 'Approval note',
    button: 'Approve for live venues',
    title: 'Approve this version for live venues?',
    confirm: 'Approve',
    consequence:
      'Profiles on live venue accounts may then trade this version. Paper profiles need no approval.',
  },
  disable: {
    field: 'Reason for switching off',
    button: 'Switch off (kill switch)',
    title: 'Switch this version off?',
    confirm: 'Switch off',
    consequence:
      'Every profile on this version stops entering from its next candle (exits still run). This cannot be undone; train a new version instead.',
  },
};

function ActionForm(props: { model: ModelVersion; action: Action; blockedBy: string | null }) {
  const { model, action } = props;
  const copy = COPY[action];
  const approve = useApproveModel();
  const disable = useDisableModel();
  const mutation = action === 'approve' ? approve : disable;
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState(false);
  // The same rule the API applies (3..500 characters after trimming), said before the round trip.
  const valid = Reason.safeParse(text).success;
  const submit = () =>
    action === 'approve'
      ? approve.mutate(
          { id: model.id, note: text.trim() },
          { onSettled: () => setConfirming(false), onSuccess: () => setText('') },
        )
      : disable.mutate(
          { id: model.id, reason: text.trim() },
          { onSettled: () => setConfirming(false), onSuccess: () => setText('') },
        );
  const id = `model-${action}-text`;
  return (
    <div className="model-action" data-testid={`model-${action}`}>
      <div className="field">
        <label htmlFor={id}>{copy.field} (required)</label>
        <textarea
          id={id}
          rows={2}
          maxLength={500}
          value={text}
          disabled={props.blockedBy !== null}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {props.blockedBy && <div className="muted small">{props.blockedBy}</div>}
      <button
        type="button"
        className={`btn ${action === 'disable' ? 'btn-danger' : 'btn-primary'}`}
        disabled={props.blockedBy !== null || !valid || mutation.isPending}
        onClick={() => setConfirming(true)}
      >
        {copy.button}
      </button>
      {mutation.error && (
        <ErrorNotice error={mutation.error} title={`Could not ${copy.confirm.toLowerCase()}`} />
      )}
      <ConfirmDialog
        open={confirming}
        title={copy.title}
        confirmLabel={copy.confirm}
        danger={action === 'disable'}
        busy={mutation.isPending}
        onConfirm={submit}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {model.symbol} {model.kind} <code>{model.id}</code>
        </p>
        <p className="muted">{copy.consequence}</p>
        <p>
          {copy.field}: <em>{text.trim()}</em>
        </p>
      </ConfirmDialog>
    </div>
  );
}

/**
 * Approve and kill switch. Only tenant admins and operators may use them (the API refuses anyone
 * else); others see why the buttons are not there.
 */
export function ModelActions({ model, canAct }: { model: ModelVersion; canAct: boolean }) {
  if (!canAct)
    return (
      <div className="notice" data-testid="model-actions-readonly">
        Approving a version for live venues and switching it off are for your tenant&apos;s admins.
      </div>
    );
  const off = model.disabledAt !== null;
  return (
    <div className="model-actions">
      <ActionForm
        model={model}
        action="approve"
        blockedBy={
          off
            ? 'A switched-off version cannot be approved.'
            : model.approvedAt
              ? `Already approved by ${model.approvedBy ?? 'unknown'} on ${formatTime(model.approvedAt)}.`
              : null
        }
      />
      <ActionForm model={model} action="disable" blockedBy={off ? 'Already switched off.' : null} />
    </div>
  );
}
