import {
  type BlockResolutionAction,
  type TradingProfile,
  Reason,
  blockFiguresOf,
} from '@bytelyst/trading-contracts';
import { useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { useResolveBlock } from '../api/resolve-block';
import { BlockFigures } from './block-figures';

const ACTIONS: { value: BlockResolutionAction; label: string; help: string }[] = [
  {
    value: 'adopt',
    label: "Adopt the venue's position",
    help: 'The venue is right. One balanced adjusting ledger entry moves the books to the venue’s position at the current mark, and the block is lifted.',
  },
  {
    value: 'flatten',
    label: "Flatten the venue's extra",
    help: 'The books are right. A reduce-only market exit closes what the venue holds beyond the books, and the block is lifted. Refused when the venue holds less than the books.',
  },
  {
    value: 'keep_blocked',
    label: 'Keep blocked',
    help: 'Record the decision and leave the profile blocked: nothing trades, nothing is changed.',
  },
];

const CONFIRM: Record<BlockResolutionAction, string> = {
  adopt: 'Adopt and unblock',
  flatten: 'Flatten and unblock',
  keep_blocked: 'Keep blocked',
};

/**
 * An operator's decision on a blocked profile, in two steps: choose an action and give a reason,
 * then confirm against the figures. The backend asks the venue again when it acts, so the answer
 * (what was adjusted, which exit was sent) is shown before the dialog closes.
 */
export function ResolveBlockDialog(props: { profile: TradingProfile; onClose: () => void }) {
  const { profile } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const resolve = useResolveBlock();
  const [action, setAction] = useState<BlockResolutionAction>('adopt');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const reasonOk = Reason.safeParse(reason).success;
  const blocked = profile.effective?.reason ?? profile.blockedReason ?? '';
  const figures = blockFiguresOf(blocked);
  const done = resolve.data;

  useEffect(() => {
    const d = ref.current;
    if (!d || d.open) return;
    if (typeof d.showModal === 'function') d.showModal();
    else d.setAttribute('open', '');
  }, []);

  const send = () => resolve.mutate({ id: profile.id, body: { action, reason: reason.trim() } });

  return (
    <dialog
      ref={ref}
      className="dialog dialog-wide"
      onCancel={props.onClose}
      aria-labelledby="resolve-title"
      data-testid="resolve-dialog"
    >
      <h3 id="resolve-title">Resolve the block on {profile.name}</h3>
      <div className="dialog-body">
        <p className="small neg">{blocked}</p>
        <BlockFigures figures={figures} />
        {done ? (
          <div className="notice" role="status" data-testid="resolve-result">
            <strong>{done.blocked ? 'Decision recorded: still blocked' : 'Block lifted'}</strong>
            <span className="small">
              {done.ledgerTransactionIds.length} adjusting ledger{' '}
              {done.ledgerTransactionIds.length === 1 ? 'entry' : 'entries'}
              {done.orders.map((o) => ` · ${o.side} ${o.quantity} ${o.symbol} ${o.status}`)}
              {done.acknowledgedAlerts > 0 && ` · ${done.acknowledgedAlerts} alert(s) acknowledged`}
            </span>
          </div>
        ) : confirming ? (
          <p data-testid="resolve-confirm">
            <strong>{ACTIONS.find((a) => a.value === action)?.label}</strong> for {profile.name}
            {figures.length > 0 &&
              `: ${figures.map((f) => `${f.symbol} books ${f.books} → venue ${f.venue}`).join('; ')}`}
            . Reason: “{reason.trim()}”. This is audited under your name.
          </p>
        ) : (
          <fieldset className="resolve-actions">
            <legend className="small muted">What should happen?</legend>
            {ACTIONS.map((a) => (
              <label key={a.value} className="resolve-action">
                <input
                  type="radio"
                  name="resolve-action"
                  value={a.value}
                  checked={action === a.value}
                  onChange={() => setAction(a.value)}
                />
                <span>
                  <span className="strong">{a.label}</span>
                  <span className="small muted block">{a.help}</span>
                </span>
              </label>
            ))}
            <div className="field">
              <label htmlFor="resolve-reason">Reason (required, audited)</label>
              <textarea
                id="resolve-reason"
                rows={2}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
          </fieldset>
        )}
        {resolve.error && (
          <ErrorNotice error={resolve.error} title="The decision was not carried out" />
        )}
      </div>
      <div className="dialog-actions">
        {done ? (
          <button type="button" className="btn btn-primary" onClick={props.onClose}>
            Close
          </button>
        ) : (
          <>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={confirming ? () => setConfirming(false) : props.onClose}
            >
              {confirming ? 'Back' : 'Cancel'}
            </button>
            {confirming ? (
              <button
                type="button"
                className={`btn ${action === 'keep_blocked' ? 'btn-primary' : 'btn-danger'}`}
                disabled={resolve.isPending}
                onClick={send}
              >
                {CONFIRM[action]}
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-primary"
                disabled={!reasonOk}
                onClick={() => setConfirming(true)}
              >
                Review
              </button>
            )}
          </>
        )}
      </div>
    </dialog>
  );
}
