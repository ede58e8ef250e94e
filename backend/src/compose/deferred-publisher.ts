import type {
  AdminEventName,
  PublicEventName,
  TradingEventName,
} from '@bytelyst/trading-contracts';
import type { Publisher } from '../services/publisher.js';

/** What the deferred publisher forwards to: the socket gateway, once it exists. */
export interface PublisherTarget extends Publisher {
  disconnectTenant(tenantId: string): void;
}

/**
 * Services are built before the socket gateway exists (and API tests build them with no gateway
 * at all): they get this publisher, which drops events until `attach` hands it the gateway.
 */
export class DeferredPublisher implements Publisher {
  private target: PublisherTarget | null = null;

  attach(target: PublisherTarget): void {
    this.target = target;
  }

  detach(): void {
    this.target = null;
  }

  toTenant(tenantId: string, event: TradingEventName, payload: unknown): void {
    this.target?.toTenant(tenantId, event, payload);
  }

  toUser(
    target: { tenantId: string; userId: string },
    event: TradingEventName,
    payload: unknown,
  ): void {
    this.target?.toUser(target, event, payload);
  }

  toAllTraders(event: TradingEventName, payload: unknown): void {
    this.target?.toAllTraders(event, payload);
  }

  toAdmins(event: AdminEventName, payload: unknown): void {
    this.target?.toAdmins(event, payload);
  }

  toPublic(event: PublicEventName, payload: unknown): void {
    this.target?.toPublic(event, payload);
  }

  disconnectTenant(tenantId: string): void {
    this.target?.disconnectTenant(tenantId);
  }
}
