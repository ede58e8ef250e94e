import { createApiBinding } from '@bytelyst/trading-client';

export { apiKey, type PagedRoute } from '@bytelyst/trading-client';

/**
 * The app's one API client, configured once by the auth provider; every feature's endpoint file
 * calls through `callApi` and builds its queries with `apiQuery` / `apiPages`.
 */
const binding = createApiBinding();

export const { configure: configureApi, callApi, apiQuery, apiPages, forget: forgetApi } = binding;
