import type { ModelRegistry } from '../../services/models/model-registry.js';
import type { ModelTrainingService } from '../../services/models/model-training-service.js';
import type { ModelLibrary } from '../../services/models/model-library.js';
import type { ChangeBus } from '../../ports/change-bus.js';
import type { Logger } from 'pino';
import type { EngineFacade } from '../engine-facade.js';
import type { ProductStatusSource } from '../../ports/product-status-source.js';
import type { Store } from '../../ports/store.js';
import type { Publisher } from '../../services/publisher.js';
import type { AuditService } from '../../services/audit-service.js';
import type { ConfigService } from '../../services/config-service.js';
import type { ControlsService } from '../../services/controls-service.js';
import type { FlagsService } from '../../services/flags-service.js';
import type { ReadinessProbe } from './readiness.js';
import type { ProfileDirectory } from '../../services/profile-directory.js';
import type { PositionsView } from '../../services/positions-view.js';
import type { BacktestService } from '../../services/backtest/backtest-service.js';
import type { SearchService } from '../../services/research/search-service.js';
import type { CandleImportService } from '../../services/market-data/candle-import-service.js';
import type { AnalyticsService } from '../../services/portfolio/analytics-service.js';
import type { EquitySeriesService } from '../../services/portfolio/equity-series-service.js';
import type { PortfolioService } from '../../services/portfolio/portfolio-service.js';
import type { AlertService } from '../../services/alerts/alert-service.js';
import type { WebhookService } from '../../services/alerts/webhook-service.js';
import type { VenueAccount } from '@bytelyst/trading-contracts';
import type { MarketDataFeed } from '../../ports/market-data.js';
import type { VenueAccountService } from '../../services/venue-accounts/venue-account-service.js';

/** Everything route handlers may call; built once by the composition root. */
export interface ApiDeps {
  store: Store;
  engine: EngineFacade;
  controls: ControlsService;
  config: ConfigService;
  flags: FlagsService;
  audit: AuditService;
  productStatus: ProductStatusSource;
  readiness: ReadinessProbe;
  logger: Logger;
  version: string;
  bus: ChangeBus;
  /** Realtime pushes to open screens (the socket gateway once it is attached). */
  publisher: Publisher;
  profiles: ProfileDirectory;
  positions: PositionsView;
  /** Valuation of the books at live marks: positions, equity, PnL, fees. */
  portfolio: PortfolioService;
  equitySeries: EquitySeriesService;
  analytics: AnalyticsService;
  backtests: BacktestService;
  searches: SearchService;
  /** The market data store: CSV and venue imports, stored series. */
  marketData: CandleImportService;
  venueAccounts: VenueAccountService;
  /**
   * The market a venue account's profiles trade on (its venue's public candles and prices), or
   * null for paper accounts: the engine's simulated market.
   */
  venueMarket(account: VenueAccount): Promise<MarketDataFeed | null>;
  /** Alerts raised outside the trading loop; never throws. */
  alerts: AlertService;
  /** A user's webhook endpoints: egress-checked, secrets sealed. */
  webhooks: WebhookService;
  /** Model versions by tenant: a profile or backtest may name only its own tenant's. */
  models: ModelLibrary;
  modelRegistry: ModelRegistry;
  /** Training jobs on the research queue (202, polled). */
  modelTrainings: ModelTrainingService;
}
