import { describe, expect, it } from 'vitest';
import { adminTabsFor } from './admin-page';

describe('Admin Panel sections by role', () => {
  it("gives a tenant admin their tenant's controls, audit, people, policies and health; operators all", () => {
    expect(adminTabsFor('tenant_admin').map((t) => t.id)).toEqual([
      'controls',
      'audit',
      'people',
      'mobile',
      'promotion',
      'health',
    ]);
    expect(adminTabsFor('operator').map((t) => t.id)).toEqual([
      'controls',
      'config',
      'audit',
      'people',
      'mobile',
      'promotion',
      'product',
      'clusters',
      'signals',
      'entries',
      'health',
    ]);
  });
});
