import { gateBlock, ProductGate, useProductStatus } from '@bytelyst/react-auth';
import { useEffect, useState, type ReactNode } from 'react';
import type { LastStatus } from '../platform/last-status';
import { BlockedScreen, Splash } from './blocked-screen';

/**
 * The product gate with a memory: while this run has heard nothing from the platform and it is
 * unreachable, the status it last gave (secure storage) decides. Off or maintenance then shows
 * the blocked screen with that status's time; otherwise the app opens degraded, as before (the
 * backend refuses new entries while the platform status is unknown). Once the platform answers,
 * ProductGate alone decides, and the block lifts without a reload.
 */
export function LaunchGate(props: {
  lastAtLaunch: Promise<LastStatus | null>;
  children: ReactNode;
}) {
  const { state, status } = useProductStatus();
  const [last, setLast] = useState<{ value: LastStatus | null } | null>(null);
  useEffect(() => {
    let live = true;
    void props.lastAtLaunch.then(
      (value) => live && setLast({ value }),
      () => live && setLast({ value: null }),
    );
    return () => {
      live = false;
    };
  }, [props.lastAtLaunch]);
  if (!status && state === 'degraded') {
    if (!last) return <Splash label="Checking availability…" />;
    const block = last.value ? gateBlock(last.value.status) : null;
    if (block && last.value) return <BlockedScreen block={block} lastKnownAt={last.value.at} />;
  }
  return (
    <ProductGate
      loading={<Splash label="Checking availability…" />}
      fallback={(block) => <BlockedScreen block={block} />}
    >
      {props.children}
    </ProductGate>
  );
}
