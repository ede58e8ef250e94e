import type { VenueFeedState } from '@bytelyst/trading-contracts';
import { Badge } from '../../../components/badge';
import { formatAge, formatTime } from '@bytelyst/trading-client';
import type { ConnectionState } from '@bytelyst/trading-client';
import { useNewestTick } from '../../../api/prices';
import { useNow } from '../../../lib/use-now';
import type { StatusView } from '../utils/status-view';

const SOCKET_TEXT: Record<ConnectionState, string> = {
  idle: 'Live: off',
  connecting: 'Live: connecting',
  connected: 'Live: connected',
  disconnected: 'Live: reconnecting',
  ended: 'Live: off',
};

const FEED_MODE_TEXT: Record<VenueFeedState['mode'], string> = {
  starting: 'starting',
  stream: 'streaming',
  polling: 'polling',
  stopped: 'stopped',
  failed: 'not answering',
};

/** Persistent bar under the header: the bot's state, why, and how fresh the view is. */
export function StatusBar(props: {
  view: StatusView;
  socket: ConnectionState;
  lastTickAt: string | null;
  productStatusAgeMs: number | null;
  /** When that age was measured (the bot state's arrival, client clock): it keeps counting. */
  productStatusMeasuredAt: number | null;
  /** The venue market-data feeds of the tenant's accounts (none on paper only). */
  venueFeeds?: readonly VenueFeedState[];
}) {
  const { view } = props;
  const now = useNow(1000);
  const lastTick = useNewestTick(props.lastTickAt);
  // The bot state is refetched every 15 s and pushed only when it changes: an age shown as
  // measured would stand still between those and then jump back.
  const age =
    props.productStatusAgeMs === null
      ? null
      : props.productStatusAgeMs + Math.max(0, now - (props.productStatusMeasuredAt ?? now));
  return (
    <div
      className={`status-bar status-${view.kind}`}
      role="status"
      aria-live="polite"
      data-testid="status-bar"
      data-status={view.kind}
    >
      <div className="status-main">
        <span className={`status-dot dot-${view.tone}`} aria-hidden />
        <strong data-testid="status-label">{view.label}</strong>
        {view.canEnter === false && view.kind !== 'halted' && (
          <Badge tone="warn">No new entries</Badge>
        )}
        {view.reasons.length > 0 && (
          <ul className="status-reasons" data-testid="status-reasons">
            {view.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="status-meta">
        <span className={`socket socket-${props.socket}`} data-testid="socket-state">
          {SOCKET_TEXT[props.socket]}
        </span>
        <span className="muted">Last tick {formatTime(lastTick)}</span>
        {(props.venueFeeds ?? []).map((f) => (
          <span
            key={f.feed}
            data-testid="venue-feed"
            data-mode={f.mode}
            title={
              f.problem ??
              `${f.feed}: ${f.outages} outages, ${f.gapsFilled} gaps filled, ${f.pollErrors} failed polls`
            }
          >
            <Badge tone={f.problem === null ? 'muted' : f.silentSinceStart ? 'danger' : 'warn'}>
              {f.venueId}: {FEED_MODE_TEXT[f.mode]}
            </Badge>
          </span>
        ))}
        <span className="muted">Platform status age {formatAge(age)}</span>
      </div>
    </div>
  );
}
