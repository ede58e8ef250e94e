import type { VenueAccountStore } from '../../ports/venue-accounts.js';
import type { SecretVault } from '../secrets/secret-vault.js';

/**
 * Re-wraps every account's data key under the current KEK, in batches of 100. Readers keep
 * working throughout: a row opens under its old KEK until it is swapped, and under the new one
 * after; the swap is a compare-and-swap on the old KEK id, so two rotators never clash.
 */
export async function rewrapAllSecrets(
  deps: { store: Pick<VenueAccountStore, 'sealedNotUnder' | 'replaceSealed'>; vault: SecretVault },
  currentKekId: string,
): Promise<number> {
  let done = 0;
  for (;;) {
    const batch = await deps.store.sealedNotUnder(currentKekId, 100);
    if (batch.length === 0) return done;
    let moved = 0;
    for (const row of batch) {
      const next = await deps.vault.rewrap(row.sealed);
      if (!next) continue;
      const scope = { tenantId: row.tenantId };
      if (
        await deps.store.replaceSealed(scope, { id: row.id, from: row.sealed.kekId, sealed: next })
      )
        moved++;
    }
    done += moved;
    // Nothing moved: the vault's current KEK is not `currentKekId` (another rotation ran).
    if (moved === 0) return done;
  }
}
