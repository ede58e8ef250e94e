import {
  rampUpPositionAt,
  type Order,
  type Position,
  type RampUp,
  type VenueAccount,
} from '@bytelyst/trading-contracts';
import { venueName as venueNameOf } from '../../venue-accounts/venue-name';

/** The one test of "real money" the backend uses too: a connected account in live mode. */
export const isLiveAccount = (a: Pick<VenueAccount, 'venueId' | 'mode'>) =>
  a.venueId !== 'paper' && a.mode === 'live';

export const venueName = (venueId: string) => venueNameOf({ venueId });

/** "Live desk · localbinance · live · connected": what tells two accounts apart in a list. */
export const accountText = (a: VenueAccount) =>
  `${a.label} · ${venueName(a.venueId)} · ${a.mode}${a.ownerUserId === null ? ' · shared' : ''} · ${a.status}`;

/**
 * The accounts a profile of `ownerId` may name: the owner's and the tenant's shared ones, not
 * disconnected. Paper accounts are left out: the backend reads any of them as "the owner's paper
 * account" (null), which the form offers as its first choice. `keep` stays listed whatever its
 * state, so a profile's current account is never silently dropped from its own form.
 */
export function accountChoices(
  accounts: readonly VenueAccount[],
  o: { ownerId: string; keep?: string | null },
): VenueAccount[] {
  return accounts
    .filter(
      (a) =>
        a.id === o.keep ||
        (a.venueId !== 'paper' &&
          a.status !== 'disconnected' &&
          (a.ownerUserId === null || a.ownerUserId === o.ownerId)),
    )
    .sort(
      (x, y) =>
        Number(isLiveAccount(x)) - Number(isLiveAccount(y)) || x.label.localeCompare(y.label),
    );
}

/** Why a profile cannot change account now (what the backend's PROFILE_NOT_FLAT would list). */
export function notFlatReason(o: {
  positions: readonly Pick<Position, 'symbol' | 'quantity'>[];
  openOrders: readonly Pick<Order, 'symbol' | 'side' | 'status'>[];
}): string | null {
  if (o.positions.length === 0 && o.openOrders.length === 0) return null;
  const held = [
    ...o.positions.map((p) => `position ${p.symbol} ${p.quantity}`),
    ...o.openOrders.map((x) => `order ${x.side} ${x.symbol} ${x.status}`),
  ];
  return `It holds ${o.positions.length} open position(s) and ${o.openOrders.length} open order(s) (${held.slice(0, 5).join(', ')}${held.length > 5 ? ', …' : ''}): close them to change its account.`;
}

/** A live profile's ramp-up in words: where it is now and what comes next. */
export function rampUpText(rampUp: RampUp, now: number): { headline: string; next: string | null } {
  const at = rampUpPositionAt(rampUp, now);
  if (!at.step) return { headline: 'Ramp-up complete: its own limits apply', next: null };
  const nextStep = rampUp.steps.find((s) => s.fromDay === at.nextChangeDay);
  return {
    headline: `Day ${at.day} of ${rampUp.fullAfterDays}: orders capped at ${at.step.maxOrderNotional}`,
    next:
      at.nextChangeDay === null
        ? null
        : nextStep
          ? `${nextStep.maxOrderNotional} from day ${nextStep.fromDay}`
          : `its own limits from day ${at.nextChangeDay}`,
  };
}
