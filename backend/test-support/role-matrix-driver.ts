import { API_ROUTES, type ApiRouteName } from '@bytelyst/trading-contracts';
import { CALLERS, ROLE_MATRIX, type Caller, type Cell } from '../src/api/http/role-matrix.js';
import { call, mintToken, type CallTarget } from './backend-harness.js';

const EXISTING_ID: Partial<Record<ApiRouteName, string>> = {
  getProfile: 'p-alice-btc-trend',
  profilePromotion: 'p-alice-btc-trend',
};
const QUERY: Partial<Record<ApiRouteName, string>> = { candles: '?symbol=BTC-USD&limit=5' };

/** The request each route is driven with: reads name acme's data, writes change nothing. */
function requestOf(name: ApiRouteName) {
  const def = API_ROUTES[name];
  const id = EXISTING_ID[name] ?? 'x-missing-id';
  const path = def.path.replace(/:([A-Za-z]+)/g, () => id) + (QUERY[name] ?? '');
  const body = def.method === 'GET' || def.method === 'DELETE' ? undefined : {};
  return { method: def.method, path, body };
}

function matches(cell: Cell, status: number, code: string | undefined): boolean {
  switch (cell) {
    case 'ok':
      return status === 200;
    case 'forbidden':
      return status === 403 && code === 'FORBIDDEN';
    case 'read_only':
      return status === 403 && code === 'PREVIEW_READ_ONLY';
    case 'not_found':
      return status === 404;
    case 'admitted':
      return status !== 401 && status !== 403;
  }
}

export interface MatrixMiss {
  route: ApiRouteName;
  caller: Caller;
  expected: Cell;
  status: number;
  code: string | undefined;
}

/**
 * Sends every route as every caller and returns the cells that did not answer as ROLE_MATRIX
 * says. Callers: operator and tenant admin of acme, tenant admin of globex, alice, and acme's
 * admin previewing alice.
 */
export async function driveRoleMatrix(backend: CallTarget): Promise<MatrixMiss[]> {
  const tokens = {
    operator: await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' }),
    tenantAdmin: await mintToken({ sub: 'u-acme-admin', tenant: 'acme', role: 'tenant_admin' }),
    otherTenantAdmin: await mintToken({
      sub: 'u-globex-admin',
      tenant: 'globex',
      role: 'tenant_admin',
    }),
    user: await mintToken({ sub: 'u-alice', tenant: 'acme' }),
  };
  const misses: MatrixMiss[] = [];
  for (const name of Object.keys(API_ROUTES) as ApiRouteName[]) {
    const req = requestOf(name);
    for (const caller of CALLERS) {
      const r = await call(backend, {
        ...req,
        token: caller === 'preview' ? tokens.tenantAdmin : tokens[caller],
        ...(caller === 'preview' ? { headers: { 'x-preview-as': 'u-alice' } } : {}),
      });
      const code = (r.body as { error?: { code?: string } } | null)?.error?.code;
      const expected = ROLE_MATRIX[name][caller];
      if (!matches(expected, r.status, code))
        misses.push({ route: name, caller, expected, status: r.status, code });
    }
  }
  return misses;
}
