import type { VenueAccount } from '@bytelyst/trading-contracts';
import { navigate } from '../../../lib/router';
import { accountChoices, accountText, isLiveAccount } from '../utils/account-choice';

/**
 * Where the profile's orders go. Paper (the owner's simulated account) first, then the owner's
 * and the tenant's connected accounts. A live account is listed but is never a plain edit: the
 * form says so and leads to the promotion review (the backend refuses PROMOTION_REQUIRED anyway).
 */
export function AccountField(props: {
  /** '' = the owner's paper account. */
  value: string;
  onChange: (v: string) => void;
  accounts: { data: { items: VenueAccount[] } | undefined; isPending: boolean; error: unknown };
  ownerId: string;
  /** The profile's current account; undefined for a new profile. */
  current: string | null | undefined;
  profileId: string | null;
  /** Why the account cannot change now (positions or open orders held), or null. */
  heldReason: string | null;
  error?: string | undefined;
}) {
  const choices = accountChoices(props.accounts.data?.items ?? [], {
    ownerId: props.ownerId,
    keep: props.current ?? null,
  });
  const chosen = choices.find((a) => a.id === props.value) ?? null;
  const toLive = chosen !== null && isLiveAccount(chosen) && chosen.id !== props.current;
  const locked = props.heldReason !== null;
  return (
    <div className={`field ${props.error ? 'field-error' : ''}`}>
      <label htmlFor="pf-account">Venue account</label>
      <select
        id="pf-account"
        value={props.value}
        disabled={locked || props.accounts.isPending}
        aria-describedby="pf-account-help"
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">Paper (simulated) · your paper account</option>
        {choices.map((a) => (
          <option key={a.id} value={a.id}>
            {accountText(a)}
            {isLiveAccount(a) && a.id !== props.current ? ' · needs a promotion' : ''}
          </option>
        ))}
      </select>
      <small id="pf-account-help" className="muted" data-testid="pf-account-help">
        {props.accounts.isPending
          ? 'Loading your venue accounts…'
          : props.accounts.data === undefined
            ? 'Your venue accounts could not be loaded; the profile stays on its current account.'
            : locked
              ? props.heldReason
              : choices.length === 0
                ? 'No connected venue account yet: connect one under Venues.'
                : 'Changing account is possible while the profile holds no position and no open order.'}
      </small>
      {props.error && <small className="neg">{props.error}</small>}
      {toLive && (
        <div className="notice notice-warn" data-testid="pf-account-live">
          <strong>Going live is a promotion, not an edit.</strong>
          <span>
            {props.profileId
              ? 'Review the paper record beside the latest backtest against your organisation’s policy, then confirm.'
              : 'A new profile starts on paper; promote it once its paper record meets your organisation’s policy.'}
          </span>
          {props.profileId && (
            <span>
              <button
                type="button"
                className="btn btn-primary btn-sm"
                onClick={() =>
                  navigate(`/profiles/${props.profileId ?? ''}/promote?account=${chosen.id}`)
                }
              >
                Review the promotion
              </button>
            </span>
          )}
        </div>
      )}
    </div>
  );
}
