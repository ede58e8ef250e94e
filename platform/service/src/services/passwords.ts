import { hash, verify } from '@node-rs/argon2';

/** argon2id (the library default algorithm); costs are injectable so tests stay quick. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /**
   * Burns the same work as a real check; used for unknown emails so the response time does not
   * reveal whether an account exists.
   */
  dummyVerify(password: string): Promise<void>;
}

export interface HasherCost {
  memoryCost: number;
  timeCost: number;
}

/** OWASP's argon2id baseline (19 MiB, 2 passes). */
export const PRODUCTION_COST: HasherCost = { memoryCost: 19_456, timeCost: 2 };
/** Still argon2id, just cheap: for test suites. */
export const TEST_COST: HasherCost = { memoryCost: 1024, timeCost: 1 };

export async function createPasswordHasher(
  cost: HasherCost = PRODUCTION_COST,
): Promise<PasswordHasher> {
  const options = { ...cost, parallelism: 1 };
  const dummy = await hash('dummy-password-for-timing', options);
  return {
    hash: (password) => hash(password, options),
    async verify(stored, password) {
      try {
        return await verify(stored, password);
      } catch {
        // A malformed stored hash is a failed check, never a crash of the login route.
        return false;
      }
    },
    async dummyVerify(password) {
      await verify(dummy, password).catch(() => false);
    },
  };
}
