import { AppError, ModelStrategyParams, type VenueAccount } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { assertModelApproved } from './profile-account.js';

const account = (mode: 'live' | 'sandbox', venueId = 'binance'): VenueAccount => ({
  id: `va-${mode}`,
  tenantId: 'acme',
  ownerUserId: 'u-alice',
  venueId,
  label: mode,
  mode,
  status: 'connected',
  keyHint: null,
  canWithdraw: false,
  balances: [],
  lastSyncAt: null,
  lastError: null,
  createdAt: new Date(0).toISOString(),
});

function deps(approvedAt: number | null) {
  const accounts = new Map([
    ['va-live', account('live')],
    ['va-sandbox', account('sandbox')],
  ]);
  return {
    venueAccounts: {
      account: async (_scope: unknown, id: string) => {
        const a = accounts.get(id);
        if (!a) throw new AppError('NOT_FOUND', 'no');
        return a;
      },
    },
    models: {
      forTenant: (tenantId: string, version: string) =>
        tenantId === 'acme' && version === 'mv-1'
          ? { version, tenantId, model: null as never, disabledReason: null, approvedAt }
          : undefined,
    },
  } as unknown as Parameters<typeof assertModelApproved>[0];
}

const model = {
  strategy: 'model' as const,
  params: ModelStrategyParams.parse({ modelVersion: 'mv-1' }),
};
const scope = { tenantId: 'acme' };

describe('a model version on a live account needs an approval', () => {
  it('refuses an unapproved version on a live account with MODEL_NOT_APPROVED', async () => {
    const err = await assertModelApproved(deps(null), {
      scope,
      strategy: model,
      accountId: 'va-live',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('MODEL_NOT_APPROVED');
    expect((err as AppError).message).toContain('mv-1');
  });

  it('lets an approved version trade live, and any version trade paper or sandbox', async () => {
    await expect(
      assertModelApproved(deps(Date.now()), { scope, strategy: model, accountId: 'va-live' }),
    ).resolves.toBeUndefined();
    for (const accountId of [null, 'va-sandbox'])
      await expect(
        assertModelApproved(deps(null), { scope, strategy: model, accountId }),
      ).resolves.toBeUndefined();
  });

  it("another tenant's approved version is no approval", async () => {
    const err = await assertModelApproved(deps(Date.now()), {
      scope: { tenantId: 'globex' },
      strategy: model,
      accountId: 'va-live',
    }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('MODEL_NOT_APPROVED');
  });
});
