import {
  CLIENT_DEVICE_HEADER,
  CLIENT_SURFACE_HEADER,
  parseClientDevice,
  type ClientDevice,
  type ClientSurface,
} from '@bytelyst/trading-contracts';
import type { FastifyRequest } from 'fastify';

const header = (request: FastifyRequest, name: string): string | undefined => {
  const raw = request.headers[name];
  return Array.isArray(raw) ? raw[0] : raw;
};

/** The surface a request declares; anything but "mobile" is the web (see CLIENT_SURFACE_HEADER). */
export const surfaceOf = (request: FastifyRequest): ClientSurface =>
  header(request, CLIENT_SURFACE_HEADER) === 'mobile' ? 'mobile' : 'web';

/**
 * What an audit row of an intervention records about where it came from: the phone (install id
 * and name) when the app sent it, nothing from the web, so web rows stay as they were.
 */
export function viaOf(
  request: FastifyRequest,
): { via: { surface: 'mobile'; device: ClientDevice | null } } | Record<string, never> {
  if (surfaceOf(request) !== 'mobile') return {};
  return {
    via: { surface: 'mobile', device: parseClientDevice(header(request, CLIENT_DEVICE_HEADER)) },
  };
}
