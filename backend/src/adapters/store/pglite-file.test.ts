import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tenantScope } from '../../ports/store.js';
import { newProfile } from '../../../test-support/fixtures.js';
import { createStore } from './index.js';

// The default deployment: PGlite files in DATA_DIR, surviving a restart.
describe('pglite store in a data directory', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('keeps its rows and its schema version across close and reopen', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'store-'));
    dirs.push(dataDir);
    const first = await createStore({ dataDir });
    await first.ensureTenant({ id: 'acme', name: 'Acme' });
    const profile = await first.createProfile(
      tenantScope('acme'),
      newProfile({ capitalAllocation: '0.10' }),
    );
    await first.close();
    await first.close();

    const again = await createStore({ dataDir });
    try {
      expect(await again.migrate()).toMatchObject({ applied: [] });
      expect(await again.getProfile(tenantScope('acme'), profile.id)).toEqual(profile);
    } finally {
      await again.close();
    }
  });
});
