import type { Decision, DecisionAction } from '@bytelyst/trading-contracts';
import { Badge, type Tone } from '../../../components/badge';
import { formatPrice, formatTime, modelWhy } from '@bytelyst/trading-client';

const ACTION_TONE: Record<DecisionAction, Tone> = {
  ENTER: 'ok',
  EXIT: 'info',
  HOLD: 'muted',
  BLOCKED: 'danger',
  SKIPPED: 'warn',
};

const fmtValue = (v: string | number | boolean) =>
  typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : String(v);

/** One "why": what the strategy saw, what it wanted, and which rule or control decided. */
export function DecisionCard({ d, profileName }: { d: Decision; profileName: string }) {
  const strength = Math.round(d.signalStrength * 100);
  const why = modelWhy(d.inputs);
  const widest = Math.max(1e-9, ...(why?.contributions.map((c) => Math.abs(c.contribution)) ?? []));
  return (
    <article className={`decision decision-${d.action.toLowerCase()}`} data-testid="decision">
      <header>
        <Badge tone={ACTION_TONE[d.action]}>{d.action}</Badge>
        <span className="strong">{d.symbol}</span>
        <span className="muted">{profileName}</span>
        <span className="num">@ {formatPrice(d.price)}</span>
        <span className="signal" title="Signal strength, -100 (strong sell) to 100 (strong buy)">
          <span className="signal-bar">
            <span
              className={strength >= 0 ? 'signal-pos' : 'signal-neg'}
              style={{
                width: `${Math.abs(strength) / 2}%`,
                [strength >= 0 ? 'left' : 'right']: '50%',
              }}
            />
          </span>
          <span className="num small">{strength > 0 ? `+${strength}` : strength}</span>
        </span>
        <span className="muted small push">{formatTime(d.createdAt)}</span>
      </header>
      {d.reasons.length > 0 && (
        <ul className="reasons">
          {d.reasons.map((r, i) => (
            <li key={i}>
              <Badge
                tone={
                  r.kind === 'risk' || r.kind === 'control'
                    ? 'danger'
                    : r.kind === 'data'
                      ? 'warn'
                      : 'muted'
                }
              >
                {r.kind}
              </Badge>{' '}
              <code>{r.code}</code> {r.message}
              {r.values && (
                <span className="muted small">
                  {' '}
                  {Object.entries(r.values)
                    .map(([k, v]) => `${k}=${fmtValue(v)}`)
                    .join(' · ')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {d.controlReasons.length > 0 && (
        <div className="small">
          Controls in force:{' '}
          {d.controlReasons.map((c) => (
            <code key={c}>{c} </code>
          ))}
        </div>
      )}
      {why && (
        <section className="model-why" data-testid="model-why">
          <div className="small">
            Model <code>{why.version}</code>: {why.sentence}
          </div>
          <ul className="model-contributions">
            {why.contributions.map((c) => (
              <li key={c.feature} title={c.label}>
                <span className="small">{c.feature}</span>
                <span className="signal-bar">
                  <span
                    className={c.contribution >= 0 ? 'signal-pos' : 'signal-neg'}
                    style={{
                      width: `${(Math.abs(c.contribution) / widest) * 50}%`,
                      [c.contribution >= 0 ? 'left' : 'right']: '50%',
                    }}
                  />
                </span>
                <span className="num small">{c.contribution.toFixed(3)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {Object.keys(d.inputs).length > 0 && (
        <dl className="inputs">
          {Object.entries(d.inputs).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd className="num">{fmtValue(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {d.orderId && <div className="muted small">Order {d.orderId}</div>}
    </article>
  );
}
