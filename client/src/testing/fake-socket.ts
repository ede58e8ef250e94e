import type { io } from 'socket.io-client';

/** The socket.io server is the boundary here; this stands in for its client-side socket. */
export function fakeSocket() {
  const handlers = new Map<string, ((...a: unknown[]) => void)[]>();
  let opts: { auth?: (cb: (d: object) => void) => void } = {};
  const socket = {
    on(ev: string, fn: (...a: unknown[]) => void) {
      handlers.set(ev, [...(handlers.get(ev) ?? []), fn]);
      return socket;
    },
    once(ev: string, fn: (...a: unknown[]) => void) {
      return socket.on(ev, fn);
    },
    emit() {},
    connect() {},
    disconnect() {},
    removeAllListeners() {
      handlers.clear();
    },
  };
  const connect = ((_url: string, o: typeof opts) => {
    opts = o;
    return socket;
  }) as unknown as typeof io;
  const fire = (ev: string, ...args: unknown[]) => handlers.get(ev)?.forEach((h) => h(...args));
  return { connect, fire, auth: () => new Promise<object>((r) => opts.auth?.(r)) };
}
