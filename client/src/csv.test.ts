// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.js';

/** A minimal RFC 4180 reader, to prove what toCsv writes reads back to the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('toCsv (RFC 4180)', () => {
  it('quotes commas, quotes and line breaks, ends lines with CRLF, keeps decimals exact', () => {
    const rows = [
      {
        at: '2026-12-07T04:32:00.000Z',
        reason: 'stop loss 3%, "hard"',
        pnl: '-0.000000000000000001',
      },
      { at: '2026-12-07T05:00:00.000Z', reason: 'line\nbreak', pnl: null },
    ];
    const text = toCsv(rows, [
      { header: 'closedAt', value: (r) => r.at },
      { header: 'reason', value: (r) => r.reason },
      { header: 'netPnl', value: (r) => r.pnl },
    ]);
    expect(text).toBe(
      'closedAt,reason,netPnl\r\n' +
        '2026-12-07T04:32:00.000Z,"stop loss 3%, ""hard""",-0.000000000000000001\r\n' +
        '2026-12-07T05:00:00.000Z,"line\nbreak",\r\n',
    );
    expect(parseCsv(text)).toEqual([
      ['closedAt', 'reason', 'netPnl'],
      ['2026-12-07T04:32:00.000Z', 'stop loss 3%, "hard"', '-0.000000000000000001'],
      ['2026-12-07T05:00:00.000Z', 'line\nbreak', ''],
    ]);
    expect(csvField('plain')).toBe('plain');
  });
});
