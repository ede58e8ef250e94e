import {
  PutPromotionPolicyBody,
  type PromotionPolicy,
  type PutPromotionPolicyBody as Body,
} from '@bytelyst/trading-contracts';

/** The policy form as typed: every number is text until the contract parses it. */
export interface PolicyDraft {
  minPaperDays: string;
  minTrades: string;
  recordDays: string;
  /** '' = no bound. */
  minReturnPct: string;
  /** '' = no bound. */
  maxDrawdownPct: string;
  fullAfterDays: string;
  rampUp: { fromDay: string; maxOrderNotional: string }[];
  reason: string;
}

export const draftOf = (p: PromotionPolicy): PolicyDraft => ({
  minPaperDays: String(p.minPaperDays),
  minTrades: String(p.minTrades),
  recordDays: String(p.recordDays),
  minReturnPct: p.minReturnPct === null ? '' : String(p.minReturnPct),
  maxDrawdownPct: p.maxDrawdownPct === null ? '' : String(p.maxDrawdownPct),
  fullAfterDays: String(p.fullAfterDays),
  rampUp: p.rampUp.map((s) => ({
    fromDay: String(s.fromDay),
    maxOrderNotional: s.maxOrderNotional,
  })),
  reason: '',
});

/** Text to number for the contract: blank or malformed text stays NaN so zod names the field. */
const num = (s: string) => (/^\s*-?\d+(\.\d+)?\s*$/.test(s) ? Number(s) : Number.NaN);
const bound = (s: string) => (s.trim() === '' ? null : num(s));

/**
 * The draft checked against the shared contract, the same schema the backend applies: either
 * the body to send or the first message per field path (`rampUp.1.fromDay`, `rampUp`, `reason`).
 */
export function parseDraft(
  d: PolicyDraft,
): { ok: true; body: Body } | { ok: false; issues: Record<string, string> } {
  const parsed = PutPromotionPolicyBody.safeParse({
    minPaperDays: num(d.minPaperDays),
    minTrades: num(d.minTrades),
    recordDays: num(d.recordDays),
    minReturnPct: bound(d.minReturnPct),
    maxDrawdownPct: bound(d.maxDrawdownPct),
    fullAfterDays: num(d.fullAfterDays),
    rampUp: d.rampUp.map((s) => ({
      fromDay: num(s.fromDay),
      maxOrderNotional: s.maxOrderNotional.trim(),
    })),
    reason: d.reason,
  });
  if (parsed.success) return { ok: true, body: parsed.data };
  const issues: Record<string, string> = {};
  for (const i of parsed.error.issues) issues[i.path.join('.')] ??= i.message;
  return { ok: false, issues };
}

/** Whether the draft differs from the stored policy (the reason aside). */
export const draftChanged = (d: PolicyDraft, p: PromotionPolicy) =>
  JSON.stringify({ ...d, reason: '' }) !== JSON.stringify(draftOf(p));
