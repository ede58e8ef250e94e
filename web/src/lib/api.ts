import { createApiBinding, createStore, type ApiClientOptions } from '@bytelyst/trading-client';

export { apiKey, type PagedRoute } from '@bytelyst/trading-client';

/**
 * The web's one API client, configured once by the auth provider; every feature's endpoint file
 * calls through `callApi` and builds its queries with `apiQuery` / `apiPages`.
 */
const binding = createApiBinding();

/** When set, an admin sees exactly what a customer of their tenant would see. */
export const previewStore = createStore<'customer' | null>(null);

export function configureApi(options: Omit<ApiClientOptions, 'previewAs'>): void {
  binding.configure({ ...options, previewAs: previewStore.get });
}

export const { callApi, apiQuery, apiPages } = binding;
