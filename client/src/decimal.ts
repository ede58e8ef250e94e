/** Adds decimal strings at 1e-8 precision via integers, so totals do not drift like floats. */
export function sumDecimals(values: string[]): string {
  const scale = 100_000_000n;
  let total = 0n;
  for (const v of values) {
    const neg = v.startsWith('-');
    const [i = '0', f = ''] = v.replace('-', '').split('.');
    const units = BigInt(i) * scale + BigInt((f + '00000000').slice(0, 8));
    total += neg ? -units : units;
  }
  const neg = total < 0n;
  const abs = neg ? -total : total;
  const frac = (abs % scale).toString().padStart(8, '0');
  return `${neg ? '-' : ''}${abs / scale}.${frac}`;
}
