/**
 * One command for the whole product on embedded defaults: platform-service, backend and web as
 * child processes with prefixed, coloured logs. Builds quietly (output shown only when a build
 * fails), waits for each health check, and prints the URLs and demo sign-ins last. A child that
 * dies is restarted with backoff (1 s, 2 s, 4 s ... 30 s; reset after a minute up) and the
 * launcher says so; Ctrl-C takes everything down together.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pc from 'picocolors';

const root = join(import.meta.dirname, '..');
const watch = process.argv.includes('--watch');
const product = JSON.parse(readFileSync(join(root, 'shared/product.json'), 'utf8')) as {
  displayName: string;
  backendPort: number;
};

const PLATFORM_PORT = Number(process.env.PLATFORM_PORT ?? 4100);
const BACKEND_PORT = Number(process.env.PORT ?? product.backendPort);
const WEB_PORT = Number(process.env.WEB_PORT ?? 5173);
// backend/scripts/local-exchange.ts's default port (the script takes no environment).
const EXCHANGE_PORT = 4300;
const exchangeUrl = `http://127.0.0.1:${EXCHANGE_PORT}`;
const platformUrl = `http://127.0.0.1:${PLATFORM_PORT}`;
const backendUrl = `http://127.0.0.1:${BACKEND_PORT}`;
const webUrl = `http://127.0.0.1:${WEB_PORT}`;
// Request logs of status polling drown the console; warn keeps it readable (LOG_LEVEL=info for all).
const LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';

interface Service {
  name: string;
  dir: string;
  color: (s: string) => string;
  script: string;
  health: string;
  env: Record<string, string>;
  /** Built before start (web is served from its production build unless --watch). */
  build?: string | undefined;
}

const services: Service[] = [
  {
    // A second demo venue: a local exchange speaking Binance's protocol, reached through ccxt.
    name: 'exchange',
    dir: 'backend',
    color: pc.yellow,
    script: 'local-exchange',
    health: `${exchangeUrl}/api/v3/ping`,
    env: {},
  },
  {
    name: 'platform',
    dir: 'platform/service',
    color: pc.magenta,
    script: watch ? 'dev' : 'start',
    health: `${platformUrl}/health/live`,
    env: {
      PORT: String(PLATFORM_PORT),
      PLATFORM_SEED_DEMO: 'true',
      PUBLIC_URL: platformUrl,
      LOG_LEVEL,
    },
  },
  {
    name: 'backend',
    dir: 'backend',
    color: pc.cyan,
    script: watch ? 'dev' : 'start',
    health: `${backendUrl}/health/live`,
    env: {
      PORT: String(BACKEND_PORT),
      LOG_LEVEL,
      PLATFORM_API_URL: platformUrl,
      PLATFORM_JWT_ISSUER: platformUrl,
      PLATFORM_JWT_JWKS_URL: `${platformUrl}/.well-known/jwks.json`,
      CORS_ALLOWED_ORIGINS: `${webUrl},http://localhost:${WEB_PORT}`,
      LOCAL_EXCHANGE_URL: exchangeUrl,
    },
  },
  {
    name: 'web',
    dir: 'web',
    color: pc.green,
    script: watch ? 'dev' : 'start',
    build: watch ? undefined : 'build',
    health: webUrl,
    env: {
      VITE_TRADING_API_URL: backendUrl,
      VITE_PLATFORM_URL: platformUrl,
      PORT: String(WEB_PORT),
    },
  },
];

const hasScript = (s: Service, script: string): boolean => {
  const pkgPath = join(root, s.dir, 'package.json');
  if (!existsSync(pkgPath)) return false;
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { scripts?: Record<string, string> };
  return Boolean(pkg.scripts?.[script]) && existsSync(join(root, s.dir, 'src'));
};

const children = new Map<string, ChildProcess>();
let stopping = false;

function pipe(s: Service, stream: NodeJS.ReadableStream): void {
  let buf = '';
  stream.on('data', (chunk: Buffer) => {
    buf += chunk.toString();
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const line of lines)
      process.stdout.write(`${s.color(`[${s.name}]`.padEnd(11))} ${line}\n`);
  });
}

function run(
  s: Service,
  script: string,
  onExit?: (code: number | null) => void,
  quiet?: string[],
): ChildProcess {
  const child = spawn('pnpm', ['--silent', 'run', script], {
    cwd: join(root, s.dir),
    env: { ...process.env, ...s.env, FORCE_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (quiet) {
    // Kept for a failure report instead of printed: a good build says nothing.
    const keep = (c: Buffer) => quiet.push(c.toString());
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
  } else {
    pipe(s, child.stdout);
    pipe(s, child.stderr);
  }
  if (onExit) child.on('exit', onExit);
  return child;
}

const restarts = new Map<string, { attempt: number; since: number }>();

/** Starts a service and keeps it running: a death is followed by a restart after a backoff. */
function supervise(s: Service): ChildProcess {
  const startedAt = Date.now();
  const child = run(s, s.script, (code) => {
    if (stopping) return;
    const prev = restarts.get(s.name);
    // A child that stayed up for a minute starts the backoff over.
    const attempt = prev && startedAt - prev.since < 60_000 ? prev.attempt + 1 : 1;
    restarts.set(s.name, { attempt, since: startedAt });
    const delay = Math.min(30_000, 1000 * 2 ** (attempt - 1));
    console.error(
      pc.yellow(
        `\n${s.name} exited (code ${code}); restarting it in ${delay / 1000} s (attempt ${attempt}). ` +
          'The other services keep running; Ctrl-C stops everything.',
      ),
    );
    setTimeout(() => {
      if (stopping) return;
      children.set(s.name, supervise(s));
      waitHealthy(s, 90_000).then(
        () => console.log(s.color(`✔ ${s.name} healthy again`)),
        (e: unknown) => {
          if (!stopping) console.error(pc.red(e instanceof Error ? e.message : String(e)));
        },
      );
    }, delay).unref();
  });
  return child;
}

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const [, child] of children) {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  }
  const deadline = setTimeout(() => {
    for (const [, child] of children)
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    process.exit(code);
  }, 8000);
  deadline.unref();
  const check = setInterval(() => {
    if ([...children.values()].every((c) => c.exitCode !== null || c.signalCode !== null)) {
      clearInterval(check);
      process.exit(code);
    }
  }, 100);
}

async function waitHealthy(s: Service, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (stopping) throw new Error('stopping');
    try {
      const res = await fetch(s.health, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${s.name} did not become healthy at ${s.health} within ${timeoutMs / 1000}s`);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  const active = services.filter((s) => hasScript(s, s.script));
  for (const s of services.filter((x) => !active.includes(x))) {
    console.log(pc.dim(`(skipping ${s.name}: not present in this checkout yet)`));
  }
  for (const s of active) {
    if (s.build) {
      console.log(pc.dim(`building ${s.name}...`));
      const output: string[] = [];
      const build = s.build;
      const code = await new Promise<number | null>((resolve) => run(s, build, resolve, output));
      if (code !== 0) {
        process.stderr.write(output.join(''));
        console.error(pc.red(`${s.name} build failed (exit ${code})`));
        process.exit(1);
      }
    }
    children.set(s.name, supervise(s));
    await waitHealthy(s, 90_000);
    console.log(s.color(`✔ ${s.name} healthy`));
  }
  console.log(`
${pc.bold(product.displayName)} is running.

  Web dashboard     ${pc.green(webUrl)}
  Trading backend   ${pc.cyan(backendUrl)}  (API docs ${backendUrl}/docs, metrics ${backendUrl}/metrics)
  Platform service  ${pc.magenta(platformUrl)}
  Local exchange    ${pc.yellow(exchangeUrl)}  (Binance protocol; Venue accounts -> "Local exchange")
                    demo keys: local-demo-key-1 / local-demo-secret-1

  Demo sign-ins (password ${pc.bold('demo-password-1')}):
    admin@demo.bytelyst.test   operator (product staff, every tenant)
    acme-admin@acme.demo.test  tenant admin of "acme"
    alice@acme.demo.test       user, tenant "acme"
    bob@globex.demo.test       user, tenant "globex"

Logs below are at level ${LOG_LEVEL} (LOG_LEVEL=info pnpm start shows every request). Press Ctrl-C to stop.
`);
}

main().catch((e: unknown) => {
  if (!stopping) {
    console.error(pc.red(e instanceof Error ? e.message : String(e)));
    stopAll(1);
  }
});
