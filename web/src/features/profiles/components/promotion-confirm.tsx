import type { TradingProfile, VenueAccount } from '@bytelyst/trading-contracts';
import { isApiError } from '@bytelyst/trading-client';
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { navigate } from '../../../lib/router';
import { usePromoteProfile } from '../api/promotion';
import { accountText } from '../utils/account-choice';
import { confirmsName } from '../utils/promotion-view';

/** What to do about each refusal the promotion can meet, beside the API's own code and words. */
const REFUSAL: Record<string, { title: string; hint: string | null }> = {
  MODEL_NOT_APPROVED: {
    title: 'The model version this profile runs is not approved for live trading',
    hint: 'A tenant admin approves a version from its model card (Models tab). Nothing was changed; confirm again once it is approved.',
  },
  PAPER_RECORD_INSUFFICIENT: {
    title: 'The paper record does not meet your organisation’s policy',
    hint: null,
  },
  PROFILE_NOT_FLAT: {
    title: 'Close the profile’s positions and open orders first',
    hint: 'Its books would otherwise sit on one account and its orders on another.',
  },
  VERSION_CONFLICT: {
    title: 'The profile changed meanwhile',
    hint: 'The review has been reloaded; read it again and confirm.',
  },
  FORBIDDEN: { title: 'Only the profile’s owner promotes it', hint: null },
};

/** The explicit step: the account named, the profile's name typed, then one audited request. */
export function PromotionConfirm(props: {
  profile: TradingProfile;
  account: VenueAccount | null;
  eligible: boolean;
}) {
  const { profile, account } = props;
  const promote = usePromoteProfile();
  const [typed, setTyped] = useState('');
  const ready = props.eligible && account !== null && confirmsName(typed, profile.name);
  const refusal = isApiError(promote.error) ? REFUSAL[promote.error.code] : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    promote.mutate(
      {
        id: profile.id,
        body: { venueAccountId: account.id, confirm: true, expectedVersion: profile.version },
      },
      { onSuccess: () => navigate('/profiles') },
    );
  };

  return (
    <form className="promo-confirm" onSubmit={submit} data-testid="promotion-confirm">
      {!props.eligible && (
        <p className="muted" data-testid="promotion-confirm-blocked">
          The confirmation opens once every requirement above passes.
        </p>
      )}
      {props.eligible && account === null && (
        <p className="muted">Choose the live account above.</p>
      )}
      {account && (
        <p>
          <strong>{profile.name}</strong> will send real orders to{' '}
          <strong>{accountText(account)}</strong>, capped by the ramp-up above.
        </p>
      )}
      <div className="field">
        <label htmlFor="promo-confirm-name">
          Type the profile’s name, <code>{profile.name}</code>, to confirm
        </label>
        <input
          id="promo-confirm-name"
          autoComplete="off"
          value={typed}
          disabled={!props.eligible || account === null}
          onChange={(e) => setTyped(e.target.value)}
        />
      </div>
      {promote.error !== null && (
        <>
          <ErrorNotice
            error={promote.error}
            title={refusal?.title ?? 'The profile was not promoted'}
          />
          {refusal?.hint && (
            <p className="small muted" data-testid="promotion-refusal-hint">
              {refusal.hint}
            </p>
          )}
        </>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-ghost" onClick={() => navigate('/profiles')}>
          Back to profiles
        </button>
        <button type="submit" className="btn btn-danger" disabled={!ready || promote.isPending}>
          {promote.isPending ? 'Promoting…' : 'Go live with real money'}
        </button>
      </div>
    </form>
  );
}
