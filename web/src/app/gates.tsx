import type { GateBlock } from '@bytelyst/react-auth';
import type { ReactNode } from 'react';
import { PRODUCT } from '@bytelyst/trading-contracts';
import { formatTime } from '@bytelyst/trading-client';

/**
 * Full-screen states that replace the app shell when the platform says the product is off or in
 * maintenance. They clear by themselves when the status changes: no reload needed.
 */
export function ProductBlocked({ block, action }: { block: GateBlock; action?: ReactNode }) {
  const maintenance = block.reason === 'maintenance';
  return (
    <main
      className="auth-screen"
      data-testid={maintenance ? 'maintenance-screen' : 'disabled-screen'}
    >
      <div className={`auth-card gate ${maintenance ? 'gate-maintenance' : 'gate-disabled'}`}>
        <div className="brand brand-lg">
          <span className="brand-mark" aria-hidden>
            ◆
          </span>
          {PRODUCT.displayName}
        </div>
        <h1>{maintenance ? 'Scheduled maintenance' : 'Temporarily unavailable'}</h1>
        <p>
          {maintenance
            ? (block.message ??
              'We are doing maintenance. No new positions are opened; open positions keep their exits.')
            : 'The product has been switched off by the operators. No new positions are opened while it is off.'}
        </p>
        {maintenance && block.expectedEndAt && (
          <p className="muted">Expected back: {formatTime(block.expectedEndAt)}</p>
        )}
        <p className="muted small">This page updates by itself when service resumes.</p>
        {action}
      </div>
    </main>
  );
}

export function Restoring() {
  return (
    <main className="auth-screen" aria-busy="true">
      <div className="state state-loading">
        <span className="spinner" aria-hidden /> Restoring your session…
      </div>
    </main>
  );
}
