import type { ApiRouteName, API_ROUTES } from '@bytelyst/trading-contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { TenantScope } from '../../ports/store.js';

type Route<N extends ApiRouteName> = (typeof API_ROUTES)[N];
type InferOf<R, K extends string> = R extends { [P in K]: infer S extends z.ZodType }
  ? z.infer<S>
  : undefined;

export type RouteParams<N extends ApiRouteName> = InferOf<Route<N>, 'params'>;
export type RouteQuery<N extends ApiRouteName> = InferOf<Route<N>, 'query'>;
export type RouteBody<N extends ApiRouteName> = InferOf<Route<N>, 'body'>;
export type RouteResponse<N extends ApiRouteName> = z.input<Route<N>['response']>;

/** What a handler gets: validated inputs and the caller, never raw headers for identity. */
export interface RouteContext<N extends ApiRouteName> {
  request: FastifyRequest;
  reply: FastifyReply;
  params: RouteParams<N>;
  query: RouteQuery<N>;
  body: RouteBody<N>;
  requestId: string;
  /** null only on public routes. */
  principal: Principal | null;
}

/** Context of a route that requires a signed-in caller. */
export interface AuthedContext<N extends ApiRouteName> extends RouteContext<N> {
  principal: Principal;
  scope: TenantScope;
}

export type RouteHandler<N extends ApiRouteName> = (
  ctx: AuthedContext<N>,
) => Promise<RouteResponse<N>>;
export type PublicHandler<N extends ApiRouteName> = (
  ctx: RouteContext<N>,
) => Promise<RouteResponse<N>>;

export type RouteHandlers = {
  [N in ApiRouteName]: Route<N>['access'] extends 'public' ? PublicHandler<N> : RouteHandler<N>;
};
