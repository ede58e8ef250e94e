/**
 * Files the API serves as text (CSV exports): fetched with the session's bearer token, which a
 * plain link could not carry. Configured once with the API's base URL and the SDK's
 * authorizedFetch (bearer token, refreshed when expired), as the API client is.
 */
type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
let config: { baseUrl: string; fetch: FetchLike } | null = null;

export function configureApiFiles(c: { baseUrl: string; fetch: FetchLike }) {
  config = c;
}

export class ApiFileError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
  }
}

/** GETs `path` (already encoded) and resolves to its text; a refusal rejects with its code. */
export async function fetchApiText(path: string, accept = 'text/csv'): Promise<string> {
  if (!config) throw new ApiFileError('Downloads are not configured.', 0, null);
  let res: Response;
  try {
    res = await config.fetch(`${config.baseUrl}${path}`, { headers: { accept } });
  } catch {
    throw new ApiFileError('The trading backend could not be reached.', 0, 'NETWORK_UNREACHABLE');
  }
  const text = await res.text();
  if (res.ok) return text;
  let error: { code?: string; message?: string } | undefined;
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error;
  } catch {
    /* not JSON */
  }
  throw new ApiFileError(
    error?.message ?? `The download failed (HTTP ${res.status}).`,
    res.status,
    error?.code ?? null,
  );
}
