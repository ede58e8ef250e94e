import { CandleImportReport } from '@bytelyst/trading-contracts';

/**
 * File uploads with progress: the one place the web uses XMLHttpRequest, because fetch cannot
 * report how much of a request body has been sent. Configured once with the API's base URL and
 * the session's token getter (the SDK's, so an expired token is refreshed first).
 */
let config: { baseUrl: string; getToken: () => Promise<string | null> } | null = null;

export function configureUpload(c: { baseUrl: string; getToken: () => Promise<string | null> }) {
  config = c;
}

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Sends a candle CSV as the request body (text/csv); resolves to the import's report. */
export async function uploadCandleCsv(o: {
  file: Blob;
  query: Record<string, string>;
  onProgress: (sent: number, total: number) => void;
}): Promise<CandleImportReport> {
  if (!config) throw new UploadError('Uploads are not configured.', 0);
  const token = await config.getToken();
  const url = `${config.baseUrl}/api/market-data/csv?${new URLSearchParams(o.query).toString()}`;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.upload.onprogress = (e) => o.onProgress(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onerror = () => reject(new UploadError('The upload did not reach the server.', 0));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status === 200) {
        const parsed = CandleImportReport.safeParse(body);
        if (parsed.success) resolve(parsed.data);
        else reject(new UploadError('The server answered something unexpected.', xhr.status));
        return;
      }
      const message =
        (body as { error?: { message?: string } } | null)?.error?.message ??
        `The upload failed (HTTP ${xhr.status}).`;
      reject(new UploadError(message, xhr.status));
    };
    xhr.send(o.file);
  });
}
