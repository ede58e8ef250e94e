import type { io } from 'socket.io-client';

/**
 * The socket.io server is the boundary here; this stands in for its client-side socket. `active`
 * mirrors socket.io's: false after a server-side disconnect or a refused handshake (the two
 * cases socket.io does not retry by itself); `connects` counts manual `connect()` calls.
 */
export function fakeSocket() {
  const handlers = new Map<string, ((...a: unknown[]) => void)[]>();
  let opts: { auth?: (cb: (d: object) => void) => void } = {};
  const socket = {
    active: true,
    connected: false,
    connects: 0,
    on(ev: string, fn: (...a: unknown[]) => void) {
      handlers.set(ev, [...(handlers.get(ev) ?? []), fn]);
      return socket;
    },
    once(ev: string, fn: (...a: unknown[]) => void) {
      return socket.on(ev, fn);
    },
    emit() {},
    connect() {
      socket.connects++;
      socket.active = true;
    },
    disconnect() {},
    removeAllListeners() {
      handlers.clear();
    },
  };
  const connect = ((_url: string, o: typeof opts) => {
    opts = o;
    return socket;
  }) as unknown as typeof io;
  const fire = (ev: string, ...args: unknown[]) => {
    if (ev === 'connect') socket.connected = true;
    if (ev === 'disconnect') socket.connected = false;
    handlers.get(ev)?.forEach((h) => h(...args));
  };
  return { socket, connect, fire, auth: () => new Promise<object>((r) => opts.auth?.(r)) };
}
