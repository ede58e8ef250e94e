import { API_ROUTES, type ApiRouteName, type RouteAccess } from '@bytelyst/trading-contracts';

/**
 * The role decision of every route, cell by cell: what each kind of caller gets. It is checked
 * against each route's `access` (check:security-guards fails on a route without a row or with a
 * row that disagrees), driven over HTTP by role-matrix.test.ts, and printed in docs/API.md.
 *
 * Callers: an operator (product staff); a tenant admin of the tenant whose data the request names
 * (acme); a tenant admin of another tenant (globex); a user (acme); an admin previewing that user.
 * Cells: `ok` 200; `forbidden` 403 FORBIDDEN; `read_only` 403 PREVIEW_READ_ONLY; `not_found` 404
 * (another tenant's id answers like a missing one); `admitted` the guard lets it through and the
 * handler answers the sample input (writes are sent with input that changes nothing).
 */
export type Cell = 'ok' | 'forbidden' | 'read_only' | 'not_found' | 'admitted';
export const CALLERS = ['operator', 'tenantAdmin', 'otherTenantAdmin', 'user', 'preview'] as const;
export type Caller = (typeof CALLERS)[number];
export type RoleRow = Readonly<Record<Caller, Cell>>;

const row = (cells: [Cell, Cell, Cell, Cell, Cell]): RoleRow => ({
  operator: cells[0],
  tenantAdmin: cells[1],
  otherTenantAdmin: cells[2],
  user: cells[3],
  preview: cells[4],
});

//                      operator     tenantAdmin  other tenant  user         preview
const READ = row(['ok', 'ok', 'ok', 'ok', 'ok']);
const READ_OWN_ID = row(['ok', 'ok', 'not_found', 'ok', 'ok']);
const WRITE = row(['admitted', 'admitted', 'admitted', 'admitted', 'read_only']);
const PUBLIC_READ = row(['ok', 'ok', 'ok', 'ok', 'ok']);
const PUBLIC_PROBE = row(['admitted', 'admitted', 'admitted', 'admitted', 'admitted']);
const TENANT_ADMIN_READ = row(['ok', 'ok', 'ok', 'forbidden', 'forbidden']);
const TENANT_ADMIN_WRITE = row(['admitted', 'admitted', 'admitted', 'forbidden', 'read_only']);
const OPERATOR_READ = row(['ok', 'forbidden', 'forbidden', 'forbidden', 'forbidden']);
const OPERATOR_WRITE = row(['admitted', 'forbidden', 'forbidden', 'forbidden', 'read_only']);

const ALERT_BY_ID = row(['not_found', 'not_found', 'not_found', 'not_found', 'not_found']);

export const ROLE_MATRIX: Readonly<Record<ApiRouteName, RoleRow>> = {
  healthLive: PUBLIC_READ,
  healthReady: PUBLIC_PROBE,
  me: READ,
  featureFlags: READ,
  botState: READ,
  strategies: READ,
  listProfiles: READ,
  getProfile: READ_OWN_ID,
  createProfile: WRITE,
  updateProfile: WRITE,
  profilePromotion: READ_OWN_ID,
  promoteProfile: WRITE,
  deleteProfile: WRITE,
  enableProfile: WRITE,
  disableProfile: WRITE,
  // Books corrections and venue exits for a blocked profile: the tenant's admins and operators.
  resolveBlock: TENANT_ADMIN_WRITE,
  // Owner or tenant admin, decided in the service (another user's account answers 404).
  listVenueAccounts: READ,
  connectVenueAccount: WRITE,
  refreshVenueAccount: WRITE,
  disconnectVenueAccount: WRITE,
  // A tenant's model versions: everyone in it reads them; its admins train and switch them off.
  listModels: READ,
  // Driven with a missing id: every caller gets 404 (another tenant's id answers the same).
  getModel: row(['not_found', 'not_found', 'not_found', 'not_found', 'not_found']),
  trainModel: TENANT_ADMIN_WRITE,
  disableModel: TENANT_ADMIN_WRITE,
  approveModel: TENANT_ADMIN_WRITE,
  // Training jobs: tenant admins queue and cancel them; every member follows them.
  createModelTraining: TENANT_ADMIN_WRITE,
  listModelTrainings: READ,
  getModelTraining: row(['not_found', 'not_found', 'not_found', 'not_found', 'not_found']),
  cancelModelTraining: row(['not_found', 'not_found', 'not_found', 'forbidden', 'read_only']),
  positions: READ,
  orders: READ,
  cancelOrder: WRITE,
  trades: READ,
  ledger: READ,
  equity: READ,
  portfolio: READ,
  equitySeries: READ,
  analytics: READ,
  decisions: READ,
  alerts: READ,
  alertCounts: READ,
  acknowledgeAlert: WRITE,
  resolveAlert: WRITE,
  // The driver's sample id names no alert, so every caller gets 404; tenant-isolation and
  // alerts-api.test.ts drive real ids.
  alertDeliveries: ALERT_BY_ID,
  notificationSettings: READ,
  putNotificationSettings: WRITE,
  webhooks: READ,
  createWebhook: WRITE,
  deleteWebhook: WRITE,
  rotateWebhookSecret: WRITE,
  testWebhook: WRITE,
  registerDevice: WRITE,
  unregisterDevice: WRITE,
  prices: READ,
  candles: READ,
  trade: WRITE,
  close: WRITE,
  createBacktest: WRITE,
  // Backtests are an operator tool unless `backtest.customer` is on (it is off by default).
  listBacktests: row(['ok', 'not_found', 'not_found', 'not_found', 'not_found']),
  getBacktest: row(['not_found', 'not_found', 'not_found', 'not_found', 'not_found']),
  getBacktestTrades: row(['not_found', 'not_found', 'not_found', 'not_found', 'not_found']),
  exportBacktestTradesCsv: row(['not_found', 'not_found', 'not_found', 'not_found', 'not_found']),
  getBacktestCurve: row(['not_found', 'not_found', 'not_found', 'not_found', 'not_found']),
  cancelBacktest: WRITE,
  // Searches and comparisons follow the backtest flags (operators only by default).
  createSearch: WRITE,
  listSearches: row(['ok', 'not_found', 'not_found', 'not_found', 'not_found']),
  getSearch: row(['not_found', 'not_found', 'not_found', 'not_found', 'not_found']),
  listSearchTrials: row(['not_found', 'not_found', 'not_found', 'not_found', 'not_found']),
  cancelSearch: WRITE,
  // Driven without ids: a 400 from the query's schema, whoever asks.
  compareBacktests: row(['admitted', 'admitted', 'admitted', 'admitted', 'admitted']),
  // The market data store opens with the backtest flags (customers: off by default).
  listCandleSeries: row(['ok', 'not_found', 'not_found', 'not_found', 'not_found']),
  importCandlesCsv: WRITE,
  importCandlesVenue: WRITE,
  // Driven with a missing id: every caller gets 404 (another user's import answers the same).
  getCandleImport: row(['not_found', 'not_found', 'not_found', 'not_found', 'not_found']),
  deleteCandleSeries: TENANT_ADMIN_WRITE,
  marketplacePresets: READ,
  marketplaceCopy: WRITE,
  membership: READ,
  adminControls: TENANT_ADMIN_READ,
  adminSetControl: TENANT_ADMIN_WRITE,
  adminConfig: OPERATOR_READ,
  adminPutConfig: OPERATOR_WRITE,
  // Everyone in a tenant reads its mobile policy (the app shows only what is allowed).
  mobilePolicy: READ,
  adminPutMobilePolicy: TENANT_ADMIN_WRITE,
  promotionPolicy: READ,
  adminPutPromotionPolicy: TENANT_ADMIN_WRITE,
  adminAudit: TENANT_ADMIN_READ,
  adminClusters: OPERATOR_READ,
  adminSignals: OPERATOR_READ,
  adminEntries: OPERATOR_READ,
  internalPause: OPERATOR_WRITE,
  internalResume: OPERATOR_WRITE,
};

/** What `access` implies for the guard (403s), so a row and its route's access cannot drift. */
export function guardCellsOf(access: RouteAccess, method: string): Record<Caller, boolean> {
  const write = method !== 'GET';
  const adminOk = access !== 'operator';
  const userOk = access === 'user' || access === 'public';
  return {
    operator: true,
    tenantAdmin: adminOk,
    otherTenantAdmin: adminOk,
    user: userOk,
    preview: access === 'public' || (!write && userOk),
  };
}

/** Problems between the table and the route table: missing rows, unknown routes, disagreements. */
export function roleMatrixProblems(): string[] {
  const problems: string[] = [];
  const matrix = ROLE_MATRIX as Partial<Record<string, RoleRow>>;
  for (const [name, def] of Object.entries(API_ROUTES)) {
    const r = matrix[name];
    if (!r) {
      problems.push(`${def.method} ${def.path} (${name}) has no role decision in ROLE_MATRIX`);
      continue;
    }
    const admits = guardCellsOf(def.access, def.method);
    for (const caller of CALLERS) {
      const refused = r[caller] === 'forbidden' || r[caller] === 'read_only';
      if (refused === admits[caller])
        problems.push(
          `${name}: ${caller} is '${r[caller]}' but access '${def.access}' says otherwise`,
        );
    }
  }
  for (const name of Object.keys(matrix))
    if (!(name in API_ROUTES)) problems.push(`ROLE_MATRIX names ${name}, which is not a route`);
  return problems;
}
