import type { Clock } from '../domain/clock.js';
import { KeyStore } from '../keys/key-store.js';
import { auditRepo, type AuditActor } from '../storage/audit-repo.js';
import type { SqlDb } from '../storage/db.js';
import { migrate } from '../storage/migrations.js';
import { AuthService } from './auth-service.js';
import { DirectoryService } from './directory-service.js';
import { FlagsService } from './flags-service.js';
import type { Mailer } from './mail.js';
import { DevMailbox } from './mailer.js';
import { PasswordResetService } from './password-reset.js';
import { createPasswordHasher, PRODUCTION_COST, type HasherCost } from './passwords.js';
import { bootstrapData } from './seed.js';
import { SecurityAudit } from './security-audit.js';
import { StatusService } from './status-service.js';
import { TelemetryService } from './telemetry-service.js';
import { TokenService } from './tokens.js';

export interface PlatformConfig {
  /** Token `iss`: the public base URL. */
  issuer: string;
  audience: string;
  accessTtlS: number;
  refreshTtlS: number;
  serviceClientSecret?: string | undefined;
  /** Link base for reset mails (the web app's reset screen); the token is appended. */
  resetUrlBase: string;
  seedDemo: boolean;
  hasherCost?: HasherCost;
}

/** Every application service over one database and clock: what routes, the CLI and tests use. */
export interface Platform {
  db: SqlDb;
  clock: Clock;
  config: PlatformConfig;
  keys: KeyStore;
  tokens: TokenService;
  auth: AuthService;
  resets: PasswordResetService;
  status: StatusService;
  flags: FlagsService;
  telemetry: TelemetryService;
  directory: DirectoryService;
  security: SecurityAudit;
  /** Present when mail goes to the in-memory dev mailbox (no SMTP configured). */
  mailbox: DevMailbox | null;
  /** New signing key now; the old one stays in the JWKS for the overlap. Audited. */
  rotateKeys(meta: { actor: AuditActor; requestId: string | null }): Promise<{
    kid: string;
    retired: string[];
  }>;
  close(): Promise<void>;
}

export async function createPlatform(opts: {
  db: SqlDb;
  clock: Clock;
  config: PlatformConfig;
  mailer?: Mailer;
}): Promise<Platform> {
  const { db, clock, config } = opts;
  await migrate(db);
  const hasher = await createPasswordHasher(config.hasherCost ?? PRODUCTION_COST);
  // Retired keys stay published for one token lifetime plus slack for clock skew and reloads.
  const keys = await KeyStore.open(db, { clock, overlapMs: (config.accessTtlS + 300) * 1000 });
  const tokens = new TokenService(keys, clock, {
    issuer: config.issuer,
    audience: config.audience,
    accessTtlS: config.accessTtlS,
  });
  const mailbox = opts.mailer ? null : new DevMailbox(clock);
  const mailer: Mailer = opts.mailer ?? (mailbox as DevMailbox);
  const flags = new FlagsService({ db, clock });
  const directory = new DirectoryService({ db, clock, hasher });
  const status = new StatusService({ db, clock });
  let resets: PasswordResetService | null = null;
  const security = new SecurityAudit({ db, clock });
  await bootstrapData({ db, clock, flags, directory }, { demo: config.seedDemo });
  return {
    db,
    clock,
    config,
    keys,
    tokens,
    auth: new AuthService({
      db,
      clock,
      tokens,
      hasher,
      refreshTtlS: config.refreshTtlS,
      serviceClientSecret: config.serviceClientSecret,
      security,
    }),
    resets: (resets = new PasswordResetService({
      db,
      clock,
      hasher,
      mailer,
      resetUrlBase: config.resetUrlBase,
    })),
    status,
    flags,
    telemetry: new TelemetryService({ db, clock }),
    directory,
    security,
    mailbox,
    async rotateKeys(meta) {
      const result = await keys.rotate();
      await db.transaction((tx) =>
        auditRepo.append(tx, {
          actor: meta.actor,
          tenantId: null,
          action: 'keys.rotate',
          target: `key:${result.kid}`,
          after: result,
          requestId: meta.requestId,
          at: clock.now(),
        }),
      );
      return result;
    },
    async close() {
      status.stop();
      await resets?.idle();
      await security.close();
      await db.close();
    },
  };
}
