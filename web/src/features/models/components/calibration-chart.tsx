import type { ClassifierMetrics } from '@bytelyst/trading-contracts';

const W = 320;
const H = 240;
const PAD = 34;
const x = (p: number) => PAD + p * (W - PAD * 1.5);
const y = (p: number) => H - PAD - p * (H - PAD * 1.5);

/**
 * Predicted vs observed positive rate per probability bin, against the diagonal of a perfectly
 * calibrated model. An x-y plot of ten points: lightweight-charts (the app's chart library) only
 * draws time series, so this is plain SVG. Dot area follows the bin's rows; empty bins are left out.
 */
export function CalibrationChart({
  bins,
  label,
}: {
  bins: ClassifierMetrics['calibration'];
  label: string;
}) {
  const used = bins.filter((b) => b.rows > 0);
  const most = Math.max(1, ...used.map((b) => b.rows));
  const path = used.map((b, i) => `${i ? 'L' : 'M'}${x(b.predicted)},${y(b.observed)}`).join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <figure className="calibration" data-testid="calibration-chart" data-bins={used.length}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        {ticks.map((t) => (
          <g key={t} className="cal-grid">
            <line x1={x(0)} x2={x(1)} y1={y(t)} y2={y(t)} />
            <line x1={x(t)} x2={x(t)} y1={y(0)} y2={y(1)} />
            <text x={x(t)} y={H - PAD + 14} textAnchor="middle">
              {t}
            </text>
            <text x={PAD - 6} y={y(t) + 4} textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        <line className="cal-diagonal" x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} />
        <path className="cal-line" d={path} />
        {used.map((b) => (
          <circle
            key={b.from}
            className="cal-dot"
            cx={x(b.predicted)}
            cy={y(b.observed)}
            r={2.5 + 4 * Math.sqrt(b.rows / most)}
          >
            <title>
              {`p ${b.from.toFixed(1)}–${b.to.toFixed(1)}: predicted ${b.predicted.toFixed(3)}, observed ${b.observed.toFixed(3)} (${b.rows} rows)`}
            </title>
          </circle>
        ))}
        <text className="cal-axis" x={x(0.5)} y={H - 2} textAnchor="middle">
          predicted p
        </text>
        <text
          className="cal-axis"
          transform={`translate(10 ${y(0.5)}) rotate(-90)`}
          textAnchor="middle"
        >
          observed rate
        </text>
      </svg>
    </figure>
  );
}
