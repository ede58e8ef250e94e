import type {
  AdminEventName,
  PublicEventName,
  TradingEventName,
} from '@bytelyst/trading-contracts';

/** Where services push realtime events; the socket gateway implements it. */
export interface Publisher {
  toTenant(tenantId: string, event: TradingEventName, payload: unknown): void;
  toUser(
    target: { tenantId: string; userId: string },
    event: TradingEventName,
    payload: unknown,
  ): void;
  toAllTraders(event: TradingEventName, payload: unknown): void;
  toAdmins(event: AdminEventName, payload: unknown): void;
  toPublic(event: PublicEventName, payload: unknown): void;
}

/** For processes and tests without sockets. */
export const silentPublisher: Publisher = {
  toTenant: () => undefined,
  toUser: () => undefined,
  toAllTraders: () => undefined,
  toAdmins: () => undefined,
  toPublic: () => undefined,
};
