import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers helmet sends for `options`, computed once. Helmet decides which headers and
 * values (that knowledge is why we use it), but its answer depends only on the options, and the
 * Fastify wrapper rebuilt the middleware on every request; here the server applies a constant map.
 */
export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  const outcome: { error: Error | null } = { error: null };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) outcome.error = err instanceof Error ? err : new Error('helmet refused its options');
  });
  if (outcome.error) throw outcome.error;
  return Object.freeze(headers);
}
