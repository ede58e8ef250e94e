import type { GateBlock } from './gate-block.js';

/**
 * The web default for ProductGate's blocking screen. DOM-only by design and kept out of the
 * hooks, so React Native supplies its own `fallback` and never renders this.
 */
export function DefaultBlockedScreen({ block }: { block: GateBlock }) {
  const title =
    block.reason === 'maintenance' ? 'Scheduled maintenance' : 'The product is unavailable';
  const detail =
    block.reason === 'maintenance'
      ? (block.message ?? 'We are carrying out maintenance.')
      : 'Access has been switched off by the operators. Open positions remain protected by the trading backend.';
  return (
    <div role="alert" aria-live="assertive" data-testid="product-gate-blocked">
      <h1>{title}</h1>
      <p>{detail}</p>
      {block.expectedEndAt ? (
        <p>
          Expected back:{' '}
          <time dateTime={block.expectedEndAt}>{formatWhen(block.expectedEndAt)}</time>
        </p>
      ) : null}
      <p>This page updates by itself when service is restored.</p>
    </div>
  );
}

function formatWhen(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
