import type { VenueAccount } from '@bytelyst/trading-contracts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountField } from './account-field';

afterEach(cleanup);

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
const accounts = {
  data: { items: [account({ id: 'desk' }), account({ id: 'live', mode: 'live' })] },
  isPending: false,
  error: null,
};
const field = (o: { value: string; heldReason?: string | null; profileId?: string | null }) => (
  <AccountField
    value={o.value}
    onChange={() => undefined}
    accounts={accounts}
    ownerId="u-alice"
    current={null}
    profileId={o.profileId === undefined ? 'p1' : o.profileId}
    heldReason={o.heldReason ?? null}
  />
);

describe('AccountField', () => {
  it('lists paper first, then each account with venue, mode and status', () => {
    render(field({ value: '' }));
    const options = screen.getAllByRole('option').map((x) => x.textContent);
    expect(options[0]).toContain('Paper (simulated)');
    expect(options[1]).toBe('desk · Local exchange (Binance protocol) · sandbox · connected');
    expect(options[2]).toContain('live · connected · needs a promotion');
    expect(screen.queryByTestId('pf-account-live')).toBeNull();
  });

  it('is disabled with the reason while the profile holds something', () => {
    render(field({ value: '', heldReason: 'It holds 1 open position(s)' }));
    expect(screen.getByLabelText<HTMLSelectElement>('Venue account').disabled).toBe(true);
    expect(screen.getByTestId('pf-account-help').textContent).toBe('It holds 1 open position(s)');
  });

  it('turns a live choice into the way to the promotion review', () => {
    render(field({ value: 'live' }));
    expect(screen.getByTestId('pf-account-live').textContent).toContain(
      'Going live is a promotion',
    );
    expect(screen.getByRole('button', { name: 'Review the promotion' })).toBeTruthy();
  });

  it('on a new profile, says it starts on paper and offers no review yet', () => {
    render(field({ value: 'live', profileId: null }));
    expect(screen.getByTestId('pf-account-live').textContent).toContain('starts on paper');
    expect(screen.queryByRole('button', { name: 'Review the promotion' })).toBeNull();
  });
});
