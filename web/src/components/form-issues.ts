import { isApiError } from '@bytelyst/trading-client';

/**
 * The key a form shows a request issue under: `strategy.params.fastPeriod` -> `param:fastPeriod`
 * (StrategyFields), `risk.maxDailyLoss` -> `risk:maxDailyLoss` (RiskFields), `settings.slippage.bps`
 * -> `settings:slippage` (a backtest's run settings), anything else its
 * top-level field (`symbols.0` -> `symbols`; a leading `body.` is dropped).
 */
export function fieldKeyOf(raw: string): string {
  // Rules checked in a route (unknown symbol, no such account) name the request part first.
  const path = raw.startsWith('body.') ? raw.slice('body.'.length) : raw;
  if (path.startsWith('strategy.params.')) return `param:${path.slice('strategy.params.'.length)}`;
  if (path.startsWith('risk.')) return `risk:${path.slice('risk.'.length)}`;
  if (path.startsWith('settings.')) return `settings:${path.split('.')[1] ?? ''}`;
  return path.split('.')[0] ?? path;
}

/** The first issue per field of a refused request (VALIDATION_FAILED lists them with paths). */
export function issuesByField(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const i of error.details?.issues ?? []) out[fieldKeyOf(i.path)] ??= i.message;
  return out;
}
