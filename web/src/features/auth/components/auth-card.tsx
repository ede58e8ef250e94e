import { PRODUCT } from '@bytelyst/trading-contracts';
import type { FormEvent, ReactNode } from 'react';

/** The signed-out screens' frame: brand on top, one form, same card as the sign-in. */
export function AuthCard(props: {
  testId: string;
  onSubmit?: (e: FormEvent) => void;
  children: ReactNode;
}) {
  return (
    <main className="auth-screen">
      <form className="auth-card" onSubmit={props.onSubmit} data-testid={props.testId} noValidate>
        <div className="brand brand-lg">
          <span className="brand-mark" aria-hidden>
            ◆
          </span>
          {PRODUCT.displayName}
        </div>
        {props.children}
      </form>
    </main>
  );
}
