/** A presence announcement: every user with a `/trading` socket on the sending instance. */
export interface PresenceAnnouncement {
  readonly instance: string;
  readonly users: readonly (readonly [tenantId: string, userId: string])[];
}

/**
 * Which users have a `/trading` socket open on any instance, so work done only for an open
 * screen (the live valuation) is done only for them. Sockets on this instance are counted
 * exactly; other instances announce theirs (at once when a user arrives, and all of them every
 * `announceMs`), and a user heard of elsewhere counts as present until three announcements are
 * missed. A user who left another instance is therefore still valued for up to that long: the
 * cost of a missed leave is some work, never a missed push.
 */
export class UserPresence {
  private readonly local = new Map<string, Map<string, number>>();
  private readonly remote = new Map<string, Map<string, number>>();
  private readonly views = new Map<string, Set<string>>();

  constructor(
    private readonly o: {
      instance: string;
      now: () => number;
      announceMs: number;
      /** Sends an announcement to the other instances (absent on a single instance). */
      announce?: (a: PresenceAnnouncement) => void;
    },
  ) {}

  /** A socket of this user opened here. */
  add(tenantId: string, userId: string): void {
    let users = this.local.get(tenantId);
    if (!users) this.local.set(tenantId, (users = new Map<string, number>()));
    const n = users.get(userId) ?? 0;
    users.set(userId, n + 1);
    if (n === 0) {
      this.views.delete(tenantId);
      this.o.announce?.({ instance: this.o.instance, users: [[tenantId, userId]] });
    }
  }

  /** A socket of this user closed here. */
  remove(tenantId: string, userId: string): void {
    const users = this.local.get(tenantId);
    const n = users?.get(userId) ?? 0;
    if (!users || n === 0) return;
    if (n > 1) return void users.set(userId, n - 1);
    users.delete(userId);
    if (users.size === 0) this.local.delete(tenantId);
    this.views.delete(tenantId);
  }

  /** Another instance's announcement. */
  receive(a: PresenceAnnouncement): void {
    if (a.instance === this.o.instance) return;
    const until = this.o.now() + 3 * this.o.announceMs;
    for (const [tenantId, userId] of a.users) {
      let users = this.remote.get(tenantId);
      if (!users) this.remote.set(tenantId, (users = new Map<string, number>()));
      if (!users.has(userId)) this.views.delete(tenantId);
      users.set(userId, until);
    }
  }

  /** Everything open here, for the periodic announcement. */
  snapshot(): PresenceAnnouncement {
    const users: [string, string][] = [];
    for (const [tenantId, us] of this.local) for (const u of us.keys()) users.push([tenantId, u]);
    return { instance: this.o.instance, users };
  }

  /** Users of a tenant with a socket open on any instance (the same set until it changes). */
  users(tenantId: string): ReadonlySet<string> {
    const remote = this.remote.get(tenantId);
    if (remote) {
      const now = this.o.now();
      for (const [u, until] of remote) {
        if (until > now) continue;
        remote.delete(u);
        this.views.delete(tenantId);
      }
      if (remote.size === 0) this.remote.delete(tenantId);
    }
    let view = this.views.get(tenantId);
    if (!view) {
      view = new Set([
        ...(this.local.get(tenantId)?.keys() ?? []),
        ...(this.remote.get(tenantId)?.keys() ?? []),
      ]);
      this.views.set(tenantId, view);
    }
    return view;
  }
}
