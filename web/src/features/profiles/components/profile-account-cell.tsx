import {
  rampUpPositionAt,
  type TradingProfile,
  type VenueAccount,
} from '@bytelyst/trading-contracts';
import { Badge } from '../../../components/badge';
import { useNow } from '../../../lib/use-now';
import { isLiveAccount, rampUpText, venueName } from '../utils/account-choice';

/** Where the profile trades; a live one shows LIVE and where it stands in its ramp-up. */
export function ProfileAccountCell(props: {
  p: TradingProfile;
  accounts: readonly VenueAccount[] | undefined;
}) {
  const { p } = props;
  const now = useNow(60_000);
  const account = props.accounts?.find((a) => a.id === p.venueAccountId) ?? null;
  if (p.venueAccountId === null)
    return (
      <div data-testid={`profile-account-${p.id}`}>
        <Badge tone="muted">PAPER</Badge>
        <div className="muted small">Paper (simulated)</div>
      </div>
    );
  const live = account ? isLiveAccount(account) : p.rampUp !== null;
  const ramp = p.rampUp ? rampUpText(p.rampUp, now) : null;
  const day = p.rampUp ? rampUpPositionAt(p.rampUp, now).day : 0;
  const progress = p.rampUp
    ? Math.min(100, Math.round((day / Math.max(1, p.rampUp.fullAfterDays)) * 100))
    : 100;
  return (
    <div data-testid={`profile-account-${p.id}`}>
      <Badge tone={live ? 'danger' : 'info'}>
        {live ? 'LIVE' : (account?.mode ?? 'venue').toUpperCase()}
      </Badge>
      <div className="small">
        {account ? `${account.label} · ${venueName(account.venueId)}` : p.venueAccountId}
      </div>
      {ramp && (
        <div className="small" data-testid={`profile-ramp-${p.id}`}>
          <span className="muted">Ramp-up: </span>
          {ramp.headline}
          {ramp.next && <span className="muted"> · then {ramp.next}</span>}
          <div
            className="meter-bar"
            role="progressbar"
            aria-label="Ramp-up progress"
            aria-valuenow={progress}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <span style={{ width: `${progress}%` }} />
          </div>
        </div>
      )}
    </div>
  );
}
