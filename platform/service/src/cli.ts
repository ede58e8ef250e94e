import { parseArgs } from 'node:util';
import { CreateUserBody, Id, isAppError } from '@bytelyst/trading-contracts';
import { ZodError } from 'zod';
import { platformFromEnv } from './compose.js';
import { loadPlatformEnv } from './env.js';
import { DEMO_PASSWORD, DEMO_USERS } from './services/seed.js';

const USAGE = `platform-service <command> [options]

  user:create --email <e> --password <p> --tenant <id> [--role admin|user] [--name <n>] [--id <id>]
  tenant:create --id <id> --name <name>
  users:list [--tenant <id>]
  keys:rotate
  seed:demo

Storage and keys come from the same environment as the server (DATABASE_URL or PLATFORM_DATA_DIR).
`;

const actor = { type: 'admin' as const, id: 'cli', tenantId: null };
const COMMANDS = new Set([
  'user:create',
  'tenant:create',
  'users:list',
  'keys:rotate',
  'seed:demo',
]);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      tenant: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      id: { type: 'string' },
    },
  });
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return command ? 0 : 1;
  }
  if (!COMMANDS.has(command)) {
    process.stderr.write(`unknown command: ${command}\n\n${USAGE}`);
    return 1;
  }
  const platform = await platformFromEnv(loadPlatformEnv(), {
    ...(command === 'seed:demo' ? { seedDemo: true } : {}),
  });
  try {
    switch (command) {
      case 'user:create': {
        const body = CreateUserBody.parse({
          id: values.id,
          tenantId: values.tenant,
          email: values.email,
          password: values.password,
          role: values.role,
          displayName: values.name ?? null,
        });
        const user = await platform.directory.createUser({ ...body, actor, requestId: null });
        process.stdout.write(`${JSON.stringify(user)}\n`);
        return 0;
      }
      case 'tenant:create': {
        const tenant = await platform.directory.createTenant({
          id: Id.parse(values.id),
          name: values.name ?? String(values.id),
          actor,
          requestId: null,
        });
        process.stdout.write(`${JSON.stringify(tenant)}\n`);
        return 0;
      }
      case 'users:list': {
        for (const u of await platform.directory.listUsers({ tenantId: values.tenant }))
          process.stdout.write(`${u.id}\t${u.tenantId}\t${u.role}\t${u.email}\n`);
        return 0;
      }
      case 'keys:rotate': {
        const result = await platform.rotateKeys({ actor, requestId: null });
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return 0;
      }
      case 'seed:demo': {
        for (const u of DEMO_USERS)
          process.stdout.write(`${u.email}\t${u.role}\ttenant ${u.tenantId}\n`);
        process.stdout.write(`password: ${DEMO_PASSWORD}\n`);
        return 0;
      }
      default:
        process.stderr.write(`unknown command: ${command}\n\n${USAGE}`);
        return 1;
    }
  } finally {
    await platform.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = isAppError(e)
      ? `${e.code}: ${e.message}`
      : e instanceof ZodError
        ? e.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')
        : e instanceof Error
          ? e.message
          : String(e);
    process.stderr.write(`platform-service: ${message}\n`);
    process.exit(1);
  },
);
