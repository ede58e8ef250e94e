import type { PromotionReview as Review, TradingProfile } from '@bytelyst/trading-contracts';
import { useState } from 'react';
import { useProfiles } from '../../../api/profiles';
import { useVenueAccounts } from '../../../api/venue-accounts';
import { DataState } from '../../../components/data-state';
import { PageHeader, Panel } from '../../../components/panel';
import { href } from '../../../lib/router';
import { usePromotionReview } from '../api/promotion';
import '../promotion.css';
import { accountChoices, accountText, isLiveAccount } from '../utils/account-choice';
import { PolicyChecks, RampUpPlan, RecordComparison } from './promotion-record';
import { PromotionCharts } from './promotion-charts';
import { PromotionConfirm } from './promotion-confirm';

/**
 * Paper first, then live: the profile's paper record beside its latest backtest, the tenant's
 * policy requirement by requirement, the ramp-up that will apply, and the owner's explicit
 * confirmation. The backend decides again on the confirmation; this screen explains.
 */
export function PromotionReview(props: { profileId: string; accountId: string | null }) {
  const profiles = useProfiles();
  const profile = profiles.data?.items.find((p) => p.id === props.profileId);
  return (
    <div className="page" data-testid="promotion-review">
      <PageHeader
        title={profile ? `Go live: ${profile.name}` : 'Go live'}
        subtitle={
          <>
            A profile reaches a live venue account only after its paper record meets your
            organisation’s policy, and only with your confirmation (audited).{' '}
            <a href={href('/profiles')}>Back to profiles</a>
          </>
        }
      />
      <DataState
        query={profiles}
        isEmpty={() => profile === undefined}
        empty="No such profile, or it is not yours to see."
      >
        {() => (profile ? <ReviewBody profile={profile} accountId={props.accountId} /> : null)}
      </DataState>
    </div>
  );
}

function ReviewBody(props: { profile: TradingProfile; accountId: string | null }) {
  const { profile } = props;
  const review = usePromotionReview(profile.id);
  return (
    <DataState query={review}>
      {(r) => <ReviewPanels profile={profile} review={r} accountId={props.accountId} />}
    </DataState>
  );
}

function ReviewPanels(props: {
  profile: TradingProfile;
  review: Review;
  accountId: string | null;
}) {
  const { profile, review } = props;
  const accounts = useVenueAccounts();
  const live = accountChoices(accounts.data?.items ?? [], { ownerId: profile.userId }).filter(
    (a) => isLiveAccount(a) && a.status === 'connected',
  );
  const [chosenId, setChosenId] = useState<string>(props.accountId ?? live[0]?.id ?? '');
  const chosen = live.find((a) => a.id === chosenId) ?? live[0] ?? null;
  const current = accounts.data?.items.find((a) => a.id === profile.venueAccountId);
  const alreadyLive = current !== undefined && isLiveAccount(current);

  return (
    <>
      {alreadyLive && (
        <div className="notice notice-ok" data-testid="promotion-already-live">
          This profile is already live on {accountText(current)}.
        </div>
      )}
      <div className="promo-grid">
        <Panel
          title={`Paper record, last ${Math.round((Date.parse(review.record.to) - Date.parse(review.record.from)) / 86_400_000)} days`}
        >
          <RecordComparison review={review} />
        </Panel>
        <Panel title="Your organisation’s policy">
          <PolicyChecks review={review} />
        </Panel>
      </div>
      <Panel title="Equity: paper beside the backtest (return from the start, %)">
        <PromotionCharts profileId={profile.id} review={review} />
      </Panel>
      <div className="promo-grid">
        <Panel title="Ramp-up after going live">
          <RampUpPlan review={review} />
        </Panel>
        <Panel title="Confirm">
          <div className="field">
            <label htmlFor="promo-account">Live account</label>
            <select
              id="promo-account"
              value={chosen?.id ?? ''}
              disabled={live.length === 0}
              onChange={(e) => setChosenId(e.target.value)}
            >
              {live.length === 0 && <option value="">No connected live account</option>}
              {live.map((a) => (
                <option key={a.id} value={a.id}>
                  {accountText(a)}
                </option>
              ))}
            </select>
            {accounts.isPending && <small className="muted">Loading your venue accounts…</small>}
            {!accounts.isPending && live.length === 0 && (
              <small className="muted" data-testid="promotion-no-live-account">
                Connect a live account under <a href={href('/venues')}>Venues</a> first.
              </small>
            )}
          </div>
          {alreadyLive ? (
            <p className="muted">Nothing to confirm: the profile already trades live.</p>
          ) : (
            <PromotionConfirm profile={profile} account={chosen} eligible={review.eligible} />
          )}
        </Panel>
      </div>
    </>
  );
}
