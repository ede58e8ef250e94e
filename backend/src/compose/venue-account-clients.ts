import { isLiveVenueAccount } from '../domain/venues/venue-account.js';
import { AppError } from '@bytelyst/trading-contracts';
import { CcxtExecutionClient } from '../adapters/exchange/ccxt/ccxt-execution-client.js';
import { createCcxtExchange } from '../adapters/exchange/ccxt/create-ccxt-exchange.js';
import type { Clock } from '../ports/clock.js';
import type { ExecutionClient } from '../ports/execution-client.js';
import type { TenantScope } from '../ports/store.js';
import type { VenueAccountService } from '../services/venue-accounts/venue-account-service.js';

/**
 * One ccxt execution client per venue account, built from that account's own sealed keys and
 * cached under tenant and account: a client never holds another account's keys, so no request
 * for one tenant can carry another's. The engine opens its own (uncached) client per account
 * through `open` and disposes it when it lets go of the tenant; `clientFor` caches for callers
 * that share one client (balance reads).
 */
export class VenueAccountClients {
  private readonly clients = new Map<string, Promise<ExecutionClient>>();

  constructor(
    private readonly o: {
      accounts: VenueAccountService;
      clock: Clock;
      symbols: readonly string[];
      /** Base URL per venue id replacing its REST endpoints (the local exchange). */
      urlOverrides?: Readonly<Record<string, string>>;
      timeoutMs?: number;
    },
  ) {}

  clientFor(scope: TenantScope, accountId: string): Promise<ExecutionClient> {
    const key = `${scope.tenantId}\u0000${accountId}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.build(scope, accountId);
      this.clients.set(key, client);
      client.catch(() => this.clients.delete(key));
    }
    return client;
  }

  /** A fresh client of the account for an owner that disposes it (the engine's tenant loop). */
  open(scope: TenantScope, accountId: string): Promise<ExecutionClient> {
    return this.build(scope, accountId);
  }

  /** Drops an account's client (disconnect, key change); the next call builds it afresh. */
  async release(scope: TenantScope, accountId: string): Promise<void> {
    const key = `${scope.tenantId}\u0000${accountId}`;
    const client = this.clients.get(key);
    this.clients.delete(key);
    if (client) await (await client).dispose();
  }

  async dispose(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    for (const c of all) await (await c.catch(() => null))?.dispose();
  }

  private async build(scope: TenantScope, accountId: string): Promise<ExecutionClient> {
    const account = await this.o.accounts.account(scope, accountId);
    if (account.venueId === 'paper' || account.status === 'disconnected')
      throw new AppError('UNPROCESSABLE', 'This account has no venue connection.');
    const credentials = await this.o.accounts.credentials(scope, accountId);
    const url = this.o.urlOverrides?.[account.venueId];
    const exchange = createCcxtExchange({
      exchangeId: url ? 'binance' : account.venueId,
      apiKey: credentials.apiKey,
      secret: credentials.secret,
      password: credentials.passphrase,
      sandbox: account.mode !== 'live',
      urlOverride: url,
    });
    if (this.o.timeoutMs) exchange.timeout = this.o.timeoutMs;
    return new CcxtExecutionClient({
      exchange,
      clock: this.o.clock,
      symbols: this.o.symbols,
      realMoney: isLiveVenueAccount(account),
    });
  }
}
