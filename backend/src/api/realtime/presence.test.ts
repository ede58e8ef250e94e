import { describe, expect, it } from 'vitest';
import { type PresenceAnnouncement, UserPresence } from './presence.js';

const setup = () => {
  let now = 0;
  const sent: PresenceAnnouncement[] = [];
  const p = new UserPresence({
    instance: 'a',
    now: () => now,
    announceMs: 1000,
    announce: (x) => sent.push(x),
  });
  return { p, sent, advance: (ms: number) => (now += ms) };
};

describe('user presence', () => {
  it("counts a user's sockets here: present until the last one closes", () => {
    const { p, sent } = setup();
    p.add('t1', 'u1');
    p.add('t1', 'u1');
    p.add('t2', 'u2');
    expect([...p.users('t1')]).toEqual(['u1']);
    expect([...p.users('t2')]).toEqual(['u2']);
    // Only a user's first socket is announced.
    expect(sent.map((s) => s.users)).toEqual([[['t1', 'u1']], [['t2', 'u2']]]);
    p.remove('t1', 'u1');
    expect(p.users('t1').has('u1')).toBe(true);
    p.remove('t1', 'u1');
    expect(p.users('t1').size).toBe(0);
    expect(p.snapshot().users).toEqual([['t2', 'u2']]);
  });

  it("holds another instance's users until three announcements are missed", () => {
    const { p, advance } = setup();
    p.receive({ instance: 'b', users: [['t1', 'u9']] });
    p.receive({ instance: 'a', users: [['t1', 'u8']] }); // its own echo is ignored
    expect([...p.users('t1')]).toEqual(['u9']);
    advance(2999);
    expect(p.users('t1').has('u9')).toBe(true);
    p.receive({ instance: 'b', users: [['t1', 'u9']] });
    advance(2999);
    expect(p.users('t1').has('u9')).toBe(true);
    advance(2);
    expect(p.users('t1').size).toBe(0);
  });

  it('answers the same set while nobody arrives or leaves', () => {
    const { p } = setup();
    p.add('t1', 'u1');
    const first = p.users('t1');
    expect(p.users('t1')).toBe(first);
    p.add('t1', 'u2');
    expect(p.users('t1')).not.toBe(first);
    expect([...p.users('t1')].sort()).toEqual(['u1', 'u2']);
  });
});
