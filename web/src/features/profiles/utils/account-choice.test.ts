import type { VenueAccount } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { accountChoices, notFlatReason, rampUpText } from './account-choice';

const account = (o: Partial<VenueAccount> & { id: string }): VenueAccount => ({
  tenantId: 'acme',
  ownerUserId: 'u-alice',
  venueId: 'localbinance',
  label: o.id,
  mode: 'sandbox',
  status: 'connected',
  keyHint: null,
  canWithdraw: false,
  balances: [],
  lastSyncAt: null,
  lastError: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  ...o,
});

describe('account choices', () => {
  const accounts = [
    account({ id: 'paper-alice', venueId: 'paper', mode: 'paper' }),
    account({ id: 'live', mode: 'live' }),
    account({ id: 'sandbox' }),
    account({ id: 'gone', status: 'disconnected' }),
    account({ id: 'bobs', ownerUserId: 'u-bob' }),
    account({ id: 'desk', ownerUserId: null }),
  ];

  it("offers the owner's and shared accounts, sandbox before live, no paper, none disconnected", () => {
    expect(accountChoices(accounts, { ownerId: 'u-alice' }).map((a) => a.id)).toEqual([
      'desk',
      'sandbox',
      'live',
    ]);
  });

  it("keeps the profile's current account listed whatever its state", () => {
    expect(
      accountChoices(accounts, { ownerId: 'u-alice', keep: 'gone' }).map((a) => a.id),
    ).toContain('gone');
  });
});

describe('not flat', () => {
  it('is null for a flat profile and names what is held otherwise', () => {
    expect(notFlatReason({ positions: [], openOrders: [] })).toBeNull();
    expect(
      notFlatReason({
        positions: [{ symbol: 'BTC-USD', quantity: '0.01' }],
        openOrders: [{ symbol: 'ETH-USD', side: 'BUY', status: 'SUBMITTED' }],
      }),
    ).toBe(
      'It holds 1 open position(s) and 1 open order(s) (position BTC-USD 0.01, order BUY ETH-USD SUBMITTED): close them to change its account.',
    );
  });
});

describe('ramp-up text', () => {
  const DAY = 86_400_000;
  const start = Date.parse('2026-12-01T00:00:00.000Z');
  const ramp = {
    startedAt: new Date(start).toISOString(),
    steps: [
      { fromDay: 0, maxOrderNotional: '100' },
      { fromDay: 3, maxOrderNotional: '500' },
    ],
    fullAfterDays: 7,
  };

  it('says the cap in force and the next one, then that it is over', () => {
    expect(rampUpText(ramp, start + DAY)).toEqual({
      headline: 'Day 1 of 7: orders capped at 100',
      next: '500 from day 3',
    });
    expect(rampUpText(ramp, start + 4 * DAY).next).toBe('its own limits from day 7');
    expect(rampUpText(ramp, start + 8 * DAY)).toEqual({
      headline: 'Ramp-up complete: its own limits apply',
      next: null,
    });
  });
});
