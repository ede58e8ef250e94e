export interface TenantScope {
  readonly tenantId: string;
}
export const tenantScope = (tenantId: string): TenantScope => Object.freeze({ tenantId });

/** Cursor pagination input: `cursor` is the opaque `nextCursor` of the previous page. */
export interface PageInput {
  cursor?: string | undefined;
  limit?: number | undefined;
  /**
   * Only rows of these profiles (a user's own), filtered in the query so a page is always full;
   * null or absent = every profile of the tenant (an admin).
   */
  onlyProfiles?: readonly string[] | null | undefined;
}
