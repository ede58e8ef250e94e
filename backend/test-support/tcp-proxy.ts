/**
 * A TCP proxy the test controls, in front of a real server (Redis, PostgreSQL): `down()` makes the
 * server unreachable (open connections reset, new ones refused), `stall()` makes it silent (bytes
 * are held, as with a frozen process), `up()` restores it on the same port.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from '../../test-support/net.js';

export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private stalled = false;
  private readonly held: (() => void)[] = [];

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(await freePort(), target);
    await proxy.up();
    return proxy;
  }

  /** Rewrites `url`'s host and port to this proxy's. */
  url(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async up(): Promise<void> {
    this.stalled = false;
    for (const release of this.held.splice(0)) release();
    if (this.server) return;
    const server = createServer((client) => this.pipe(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  private pipe(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => undefined);
    }
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk: Buffer) => {
        if (!this.stalled) to.write(chunk);
        else this.held.push(() => to.write(chunk));
      });
    forward(client, upstream);
    forward(upstream, client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  /** Unreachable: every open connection is reset and new ones are refused. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.held.length = 0;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Silent: connections stay open (new ones too) but no byte passes until `up()`. */
  stall(): void {
    this.stalled = true;
  }

  async close(): Promise<void> {
    await this.down();
  }
}
