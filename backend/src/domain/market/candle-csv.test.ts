import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberAt } from './candle-csv-fields.js';
import { CandleCsvParser, parseCandleCsv, parseNumberAt } from './candle-csv.js';

const T0 = Date.UTC(2026, 0, 1);
const M = 60_000;

describe('candle CSV', () => {
  it('detects a header and maps its columns in any order', () => {
    const p = parseCandleCsv(
      [
        'Close;Open Time;volume;High;low;open;extra',
        '100.5;2026-01-01 00:00:00;3;101;99;100;x',
        '101;2026-01-01 00:01:00;4;102;100;100.5;y',
      ].join('\r\n'),
    );
    expect(p.header).toBe(true);
    expect(p.errors).toEqual([]);
    expect([...p.time]).toEqual([T0, T0 + M]);
    expect([...p.open]).toEqual([100, 100.5]);
    expect([...p.high]).toEqual([101, 102]);
    expect([...p.low]).toEqual([99, 100]);
    expect([...p.close]).toEqual([100.5, 101]);
    expect([...p.volume]).toEqual([3, 4]);
  });

  it('reads a header-less file as time, open, high, low, close[, volume]', () => {
    const p = parseCandleCsv(`${T0},1,2,0.5,1.5\n${T0 + M},1.5,2,1,2,7\n\n`);
    expect(p.header).toBe(false);
    expect(p.rows).toBe(2);
    expect([...p.volume]).toEqual([0, 7]);
  });

  it('lists bad rows with their line numbers, reports duplicates and gaps', () => {
    const p = parseCandleCsv(
      [
        'timestamp,open,high,low,close,volume',
        '2026-01-01T00:00:00Z,100,101,99,100,1', // 2
        '2026-01-01T00:01:00Z,100,101,99,abc,1', // 3 not a number
        '2026-01-01T00:01:00Z,100,101,99,100,1', // 4
        '2026-01-01T00:01:00Z,100,101,99,100,1', // 5 duplicate of 4
        '2026-01-01T00:00:30Z,100,101,99,100,1', // 6 earlier
        '2026-01-01T00:05:00Z,100,99,101,100,1', // 7 high below low
        '01/02/2026,100,101,99,100,1', // 8 unreadable time
        '2026-01-01T00:05:00Z,100,101,99,100', // 9 gap of 3 (no volume is fine)
        '2026-01-01T00:06:00Z,100,101', // 10 too few values
      ].join('\n'),
      { intervalMs: M },
    );
    expect(p.errors.map((e) => e.line)).toEqual([3, 6, 7, 8, 10]);
    expect(p.errorCount).toBe(5);
    expect(p.duplicates.map((d) => d.line)).toEqual([5]);
    expect(p.gaps).toEqual([{ after: T0 + M, before: T0 + 5 * M, missing: 3 }]);
    expect([...p.time]).toEqual([T0, T0 + M, T0 + 5 * M]);
  });

  it('refuses a header without the columns it needs', () => {
    const p = parseCandleCsv('when,open,high,low,close\n1,2,3,1,2');
    expect(p.rows).toBe(0);
    expect(p.errors).toEqual([{ line: 1, message: 'header: no time column' }]);
  });

  it('lists at most maxIssues but counts all', () => {
    const lines = ['t,o,h,l,c'];
    for (let i = 0; i < 10; i++) lines.push(`x${i},1,1,1,1`);
    const p = parseCandleCsv(lines.join('\n'), { maxIssues: 3 });
    expect(p.errors).toHaveLength(3);
    expect(p.errorCount).toBe(10);
  });

  it('parses numbers bit-identically to Number()', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = String(x);
        expect(Object.is(parseNumberAt(s, 0, s.length), Number(s))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: 0, max: 999_999 }),
        (i, f) => {
          const s = `${i}.${String(f).padStart(6, '0')}`;
          expect(parseNumberAt(s, 0, s.length)).toBe(Number(s));
        },
      ),
    );
    expect(parseNumberAt('1e3', 0, 3)).toBe(1000);
    expect(parseNumberAt('12345678901234567.5', 0, 19)).toBe(Number('12345678901234567.5'));
    expect(parseNumberAt('', 0, 0)).toBeNaN();
    expect(parseNumberAt('1.2.3', 0, 5)).toBeNaN();
  });

  it('parses numbers from bytes bit-identically to Number(), long and odd ones included', () => {
    const enc = new TextEncoder();
    const same = (s: string) => {
      const u = enc.encode(`,${s},`);
      expect(Object.is(numberAt(u, 1, u.length - 1), Number(s)), s).toBe(true);
    };
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => same(String(x))),
    );
    for (const s of ['65070.340000000004', '1e3', '-0.5', '+7', '0', '123456789012345678']) same(s);
    const odd = enc.encode('x1.2.3,,€');
    expect(numberAt(odd, 1, 6)).toBeNaN();
    expect(numberAt(odd, 7, 7)).toBeNaN();
    expect(numberAt(odd, 7, odd.length)).toBeNaN();
  });
  it('gives the same result whatever chunks the file arrives in', () => {
    const lines = ['time;open;high;low;close;volume'];
    for (let i = 0; i < 40; i++) {
      const t = new Date(T0 + (i + (i > 20 ? 3 : 0)) * M).toISOString().slice(0, 19);
      lines.push(
        i === 7 ? `${t};1;x;1;1;1` : i === 9 ? lines[lines.length - 1]! : `${t};1;2;0.5;1.5;${i}`,
      );
    }
    const text = `${lines.join('\r\n')}\r\n`;
    const whole = parseCandleCsv(text, { intervalMs: M });
    expect(whole.rows).toBe(38);
    expect(whole.errors.map((e) => e.line)).toEqual([9]);
    expect(whole.duplicates.map((e) => e.line)).toEqual([11]);
    // Row 7 was bad and row 9 a repeat of row 8, so the times of rows 7 and 9 are holes too.
    expect(whole.gaps).toEqual([
      { after: T0 + 6 * M, before: T0 + 8 * M, missing: 1 },
      { after: T0 + 8 * M, before: T0 + 10 * M, missing: 1 },
      { after: T0 + 20 * M, before: T0 + 24 * M, missing: 3 },
    ]);
    expect(whole.missing).toBe(5);
    expect(whole.timeForm).toBe('iso_no_zone');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 30 }),
        (cuts) => {
          const p = new CandleCsvParser({ intervalMs: M });
          let at = 0;
          for (const c of [...cuts].sort((a, b) => a - b)) {
            p.push(text.slice(at, c));
            at = c;
          }
          p.push(text.slice(at));
          const r = p.finish();
          expect({ ...r, time: [...r.time], volume: [...r.volume] }).toEqual({
            ...whole,
            time: [...whole.time],
            volume: [...whole.volume],
          });
        },
      ),
    );
  });

  it('gives the same result from bytes cut anywhere, inside a UTF-8 character too', () => {
    const text = [
      'Zeit (UTC) €;time;open;high;low;close',
      `ä;${T0 / 1000};1;2;0.5;1.5`,
      `ö;${T0 / 1000 + 60};1;2;0.5;bad`,
      `ü;${T0 / 1000 + 120};1;2;0.5;1.5`,
    ].join('\n');
    const bytes = new TextEncoder().encode(text);
    const whole = parseCandleCsv(text, { intervalMs: M });
    expect(whole.rows).toBe(2);
    expect(whole.errors.map((e) => e.line)).toEqual([3]);
    expect(whole.timeForm).toBe('epoch_seconds');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 20 }),
        (cuts) => {
          const p = new CandleCsvParser({ intervalMs: M });
          let at = 0;
          for (const c of [...cuts].sort((a, b) => a - b)) {
            p.pushBytes(bytes.subarray(at, c));
            at = c;
          }
          p.pushBytes(bytes.subarray(at));
          const r = p.finish();
          expect({ ...r, time: [...r.time] }).toEqual({ ...whole, time: [...whole.time] });
        },
      ),
    );
  });

  it('says how the file writes its times', () => {
    expect(parseCandleCsv(`${T0 / 1000},1,1,1,1`).timeForm).toBe('epoch_seconds');
    expect(parseCandleCsv(`${T0},1,1,1,1`).timeForm).toBe('epoch_milliseconds');
    expect(parseCandleCsv('2026-01-01T00:00:00Z,1,1,1,1').timeForm).toBe('iso_with_zone');
    expect(parseCandleCsv('2026-01-01 05:30:00+05:30,1,1,1,1').timeForm).toBe('iso_with_zone');
    expect(parseCandleCsv('2026-01-01 05:30,1,1,1,1').timeForm).toBe('iso_no_zone');
    expect(parseCandleCsv('t,o,h,l,c').timeForm).toBeNull();
  });
});
