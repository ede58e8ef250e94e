import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test-support/index.js';
import { driveRoleMatrix } from '../../test-support/role-matrix-driver.js';
import { roleMatrixProblems } from './http/role-matrix.js';

/** Every route of the route table, as operator, tenant admin, other tenant's admin, user, preview. */
describe('role matrix', () => {
  let b: TestApi;
  beforeAll(async () => {
    b = await startTestApi({ speed: 10, instanceId: 'role-matrix' });
  });
  afterAll(async () => b?.stop());

  it('has a role decision for every route, agreeing with its access', () => {
    expect(roleMatrixProblems()).toEqual([]);
  });

  it('answers every cell as the matrix says', async () => {
    expect(await driveRoleMatrix(b)).toEqual([]);
  });
});
