/**
 * Decimal strings from the wire are formatted as strings: grouping and rounding happen on digits,
 * so a price is never shown with a binary-float artefact.
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function roundDigits(intPart: string, frac: string, digits: number): [string, string] {
  if (frac.length <= digits) return [intPart, frac];
  const keep = frac.slice(0, digits);
  const next = frac.charCodeAt(digits) - 48;
  if (next < 5) return [intPart, keep];
  // Round half away from zero by adding one unit in the last kept place.
  const all = (intPart + keep).split('').map(Number);
  let i = all.length - 1;
  for (; i >= 0; i--) {
    if (all[i] === 9) all[i] = 0;
    else {
      all[i] = (all[i] ?? 0) + 1;
      break;
    }
  }
  const joined = (i < 0 ? '1' : '') + all.join('');
  const cut = joined.length - keep.length;
  return [joined.slice(0, cut), joined.slice(cut)];
}

export function formatDecimal(
  value: string | null | undefined,
  options: { maxFraction?: number; minFraction?: number; sign?: boolean } = {},
): string {
  if (value === null || value === undefined || value === '') return '—';
  const m = DECIMAL.exec(value.trim());
  if (!m) return value;
  const [, neg = '', intRaw = '0', fracRaw = ''] = m;
  const max = options.maxFraction ?? 8;
  const min = Math.min(options.minFraction ?? 0, max);
  let [intPart, frac] = roundDigits(intRaw, fracRaw, max);
  frac = frac.replace(/0+$/, '');
  if (frac.length < min) frac = frac.padEnd(min, '0');
  intPart = intPart.replace(/^0+(?=\d)/, '');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const zero = /^0*$/.test(intPart + frac);
  const sign = zero ? '' : neg ? '−' : options.sign ? '+' : '';
  return `${sign}${grouped}${frac ? `.${frac}` : ''}`;
}

export const formatMoney = (v: string | null | undefined, sign = false) =>
  formatDecimal(v, { maxFraction: 2, minFraction: 2, sign });
export const formatPrice = (v: string | null | undefined) =>
  formatDecimal(v, { maxFraction: 6, minFraction: 2 });
export const formatQty = (v: string | null | undefined) => formatDecimal(v, { maxFraction: 8 });
export const formatPct = (fraction: string | null | undefined) => {
  if (!fraction) return '—';
  const n = Number(fraction) * 100;
  return `${n.toFixed(2)}%`;
};

/** -1, 0 or 1 from a decimal string's sign, for green/red colouring. */
export function signOf(value: string | null | undefined): -1 | 0 | 1 {
  if (!value || /^-?0*(\.0*)?$/.test(value)) return 0;
  return value.startsWith('-') ? -1 : 1;
}

export const pnlClass = (value: string | null | undefined) => {
  const s = signOf(value);
  return s > 0 ? 'pos' : s < 0 ? 'neg' : 'flat';
};

/**
 * The time rule of every surface: times are shown in the viewer's zone, labelled with it
 * ("07:49:12 GMT+5:30"); the UTC instant goes in a hover title (`utcTitle`) and in exports.
 * Chart axes use the same zone (`chartTimeFormatter`), so a chart and a table agree.
 */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(undefined, {
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZoneName: 'short',
  });
}

/** The hover text of a shown time: its UTC instant. */
export const utcTitle = (iso: string | null | undefined): string | undefined =>
  iso ? `${new Date(iso).toISOString().replace('T', ' ').slice(0, 19)} UTC` : undefined;

/** The viewer's IANA zone and its short label, stated once in the UI. */
export function viewerZone(): { timeZone: string; label: string } {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const part = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName');
  return { timeZone, label: part?.value ?? timeZone };
}

/** A chart time (seconds since epoch, UTC) shown in the viewer's zone, like the tables. */
export function chartTimeFormatter(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString(undefined, {
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** An axis tick in the viewer's zone: the date at day marks, the time otherwise. */
export function chartTickFormatter(seconds: number, dayMark: boolean): string {
  const d = new Date(seconds * 1000);
  return dayMark
    ? d.toLocaleDateString(undefined, { month: 'short', day: '2-digit' })
    : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
}

/** A duration in words a trader reads: "45 s", "12 min", "3.5 h", "2.0 d". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

export function formatAge(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return 'unknown';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** Seconds since epoch, the time unit lightweight-charts expects. */
export const toChartTime = (iso: string) => Math.floor(Date.parse(iso) / 1000);
