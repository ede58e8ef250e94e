/**
 * Shared kit of the release-gate checks (`pnpm lint` runs them): boots one real backend on
 * embedded storage with local signing keys, and collects findings instead of stopping at the first.
 */
import {
  startTestBackend,
  mintToken,
  type TestBackend,
} from '../../test-support/backend-harness.js';

export interface CheckContext {
  backend: TestBackend;
  tokens: {
    alice: string;
    bob: string;
    /** The demo operator (product staff). */
    admin: string;
    carol: string;
    /** Tenant admins of acme and of globex. */
    acmeAdmin: string;
    globexAdmin: string;
  };
  fail: (message: string) => void;
}

export async function runCheck(
  name: string,
  body: (ctx: CheckContext) => Promise<void>,
): Promise<void> {
  const failures: string[] = [];
  const backend = await startTestBackend({ speed: 10, instanceId: `check-${name}` });
  const tokens = {
    alice: await mintToken({ sub: 'u-alice', tenant: 'acme' }),
    carol: await mintToken({ sub: 'u-carol', tenant: 'acme' }),
    bob: await mintToken({ sub: 'u-bob', tenant: 'globex' }),
    admin: await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' }),
    acmeAdmin: await mintToken({ sub: 'u-acme-admin', tenant: 'acme', role: 'tenant_admin' }),
    globexAdmin: await mintToken({ sub: 'u-globex-admin', tenant: 'globex', role: 'tenant_admin' }),
  };
  let checks = 0;
  try {
    await body({
      backend,
      tokens,
      fail: (m) => {
        failures.push(m);
      },
    });
    checks++;
  } catch (e) {
    failures.push(`check crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  } finally {
    await backend.stop();
  }
  if (failures.length) {
    console.error(`✗ ${name}: ${failures.length} problem(s)`);
    for (const f of failures) console.error(`  - ${f}`);
    process.exit(1);
  }
  console.log(`✓ ${name}${checks ? '' : ' (no checks ran)'}`);
}

/** Fills `:param` placeholders with the given ids. */
export const fillPath = (path: string, params: Record<string, string>): string =>
  path.replace(/:([A-Za-z]+)/g, (_m, k: string) => params[k] ?? 'unknown');
