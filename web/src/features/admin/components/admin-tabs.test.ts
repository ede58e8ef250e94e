import { describe, expect, it } from 'vitest';
import { adminTabsFor } from './admin-page';

describe('Admin Panel sections by role', () => {
  it("gives a tenant admin their tenant's controls, audit and health; operators everything", () => {
    expect(adminTabsFor('tenant_admin').map((t) => t.id)).toEqual(['controls', 'audit', 'health']);
    expect(adminTabsFor('operator').map((t) => t.id)).toEqual([
      'controls',
      'config',
      'audit',
      'clusters',
      'signals',
      'entries',
      'health',
    ]);
  });
});
