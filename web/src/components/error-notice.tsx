import { describeError, isApiError } from '@bytelyst/trading-client';

/** Every error shows its code and request id: what support needs to find the server's trace. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const api = isApiError(error) ? error : null;
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title ?? 'Something went wrong'}</strong>
      <span>{describeError(error)}</span>
      {api && (
        <span className="notice-meta">
          code <code>{api.code}</code>
          {api.status > 0 && (
            <>
              {' '}
              · HTTP <code>{api.status}</code>
            </>
          )}{' '}
          · request id <code data-testid="request-id">{api.requestId}</code>
        </span>
      )}
    </div>
  );
}
