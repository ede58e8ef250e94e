import { Timeframe, type StrategyInfo, type TradingProfile } from '@bytelyst/trading-contracts';
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { isApiError } from '@bytelyst/trading-client';
import { useCreateProfile, useUpdateProfile } from '../api/profile-mutations';
import { useProfileHoldings } from '../api/profile-holdings';
import { useVenueAccounts } from '../../../api/venue-accounts';
import { notFlatReason } from '../utils/account-choice';
import { AccountField } from './account-field';
import { issuesByField } from '../../../components/form-issues';
import { RiskFields, useRiskLimits } from '../../../components/risk-fields';
import { StrategyFields, useStrategyParams } from '../../../components/strategy-fields';

export function ProfileForm(props: {
  strategies: StrategyInfo[];
  symbols: string[];
  existing?: TradingProfile | undefined;
  /** The signed-in user: the owner of a new profile. */
  meId: string;
  onDone: () => void;
}) {
  const { existing } = props;
  const [name, setName] = useState(existing?.name ?? '');
  const [symbols, setSymbols] = useState<string[]>(existing?.symbols ?? props.symbols.slice(0, 1));
  const [timeframe, setTimeframe] = useState<Timeframe>(existing?.timeframe ?? '1m');
  const strategyParams = useStrategyParams(props.strategies, existing?.strategy);
  const [capital, setCapital] = useState(existing?.capitalAllocation ?? '1000');
  const risk = useRiskLimits(existing?.risk);
  const [account, setAccount] = useState(existing?.venueAccountId ?? '');
  const accounts = useVenueAccounts();
  const holdings = useProfileHoldings(existing?.id ?? null);
  const heldReason = existing ? notFlatReason(holdings) : null;
  const create = useCreateProfile();
  const update = useUpdateProfile();
  const mutation = existing ? update : create;
  const fieldErrors = issuesByField(mutation.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const strategy = strategyParams.config();
    const venueAccountId = account === '' ? null : account;
    // Sent only when it changes: an unchanged account must not trip the "not flat" rule.
    const accountPart =
      venueAccountId === (existing?.venueAccountId ?? null) ? {} : { venueAccountId };
    const common = {
      ...accountPart,
      name,
      symbols,
      timeframe,
      strategy,
      capitalAllocation: capital.trim(),
      risk: risk.limits(),
    };
    if (existing) {
      update.mutate(
        { id: existing.id, body: { ...common, expectedVersion: existing.version } },
        { onSuccess: props.onDone },
      );
    } else {
      create.mutate({ ...common, enabled: false }, { onSuccess: props.onDone });
    }
  };

  const conflict =
    isApiError(mutation.error) &&
    (mutation.error.code === 'VERSION_CONFLICT' || mutation.error.code === 'CONFLICT');
  const code = isApiError(mutation.error) ? mutation.error.code : null;
  const title = conflict
    ? 'Someone changed this profile meanwhile — reload it and apply your edit again'
    : code === 'PROMOTION_REQUIRED'
      ? existing
        ? 'A live account is reached only through a promotion — use “Review the promotion”'
        : 'A live account is reached only through a promotion — create the profile on paper first'
      : code === 'PROFILE_NOT_FLAT'
        ? 'The account cannot change while the profile holds positions or open orders'
        : 'Could not save the profile';

  return (
    <form className="form" onSubmit={submit} data-testid="profile-form">
      <div className="form-grid">
        <div className={`field ${fieldErrors.name ? 'field-error' : ''}`}>
          <label htmlFor="pf-name">Name</label>
          <input
            id="pf-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. BTC trend"
          />
          {fieldErrors.name && <small className="neg">{fieldErrors.name}</small>}
        </div>
        <div className="field">
          <label htmlFor="pf-tf">Timeframe</label>
          <select
            id="pf-tf"
            value={timeframe}
            onChange={(e) => setTimeframe(e.target.value as Timeframe)}
          >
            {Timeframe.options.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
        <div className={`field ${fieldErrors.capitalAllocation ? 'field-error' : ''}`}>
          <label htmlFor="pf-cap">Capital allocation</label>
          <input
            id="pf-cap"
            inputMode="decimal"
            value={capital}
            onChange={(e) => setCapital(e.target.value)}
          />
          {fieldErrors.capitalAllocation && (
            <small className="neg">{fieldErrors.capitalAllocation}</small>
          )}
        </div>
      </div>
      <AccountField
        value={account}
        onChange={setAccount}
        accounts={accounts}
        ownerId={existing?.userId ?? props.meId}
        current={existing ? existing.venueAccountId : undefined}
        profileId={existing?.id ?? null}
        heldReason={heldReason}
        error={fieldErrors.venueAccountId}
      />
      <fieldset className="field">
        <legend>Symbols</legend>
        <div className="chips">
          {props.symbols.map((s) => (
            <label key={s} className={`chip ${symbols.includes(s) ? 'active' : ''}`}>
              <input
                type="checkbox"
                checked={symbols.includes(s)}
                onChange={(e) =>
                  setSymbols(e.target.checked ? [...symbols, s] : symbols.filter((x) => x !== s))
                }
              />
              {s}
            </label>
          ))}
        </div>
        {fieldErrors.symbols && <small className="neg">{fieldErrors.symbols}</small>}
      </fieldset>
      <StrategyFields state={strategyParams} errors={fieldErrors} disabled={Boolean(existing)} />
      <RiskFields state={risk} errors={fieldErrors} idPrefix="risk" />
      {mutation.error && <ErrorNotice error={mutation.error} title={title} />}
      <div className="form-actions">
        <button type="button" className="btn btn-ghost" onClick={props.onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : existing ? 'Save changes' : 'Create profile'}
        </button>
      </div>
    </form>
  );
}
