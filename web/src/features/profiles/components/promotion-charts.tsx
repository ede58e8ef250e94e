import type { PromotionReview } from '@bytelyst/trading-contracts';
import { useMemo } from 'react';
import { CHART_COLORS } from '../../../components/charts/chart-theme';
import { ErrorNotice } from '../../../components/error-notice';
import { useBacktestCurve, usePaperEquity } from '../api/promotion';
import { returnPoints, signedPct, type ReturnPoint } from '../utils/promotion-view';
import { ReturnChart } from './return-chart';

const BACKTEST_COLOR = '#f59e0b';

/** Paper equity over the review's period beside the latest backtest's curve, as returns. */
export function PromotionCharts(props: { profileId: string; review: PromotionReview }) {
  const { review } = props;
  const paper = usePaperEquity({
    profileId: props.profileId,
    from: review.record.from,
    to: review.record.to,
  });
  const backtest = useBacktestCurve(review.backtest?.id ?? null);
  const paperPoints = useMemo(
    () =>
      returnPoints((paper.data?.points ?? []).map((p) => ({ at: p.at, equity: Number(p.equity) }))),
    [paper.data],
  );
  const backtestPoints = useMemo(
    () => returnPoints(backtest.data?.equityCurve ?? []),
    [backtest.data],
  );
  return (
    <div className="promo-grid">
      <CurveBox
        title="Paper"
        figure={signedPct(review.record.returnPct)}
        query={paper}
        points={paperPoints}
        color={CHART_COLORS.accent}
        testId="promotion-paper-chart"
        empty="Not enough paper history in the period to draw a curve yet (it needs two points of the series)."
      />
      <CurveBox
        title="Latest backtest"
        figure={review.backtest ? signedPct(review.backtest.returnPct) : '—'}
        query={review.backtest ? backtest : null}
        points={backtestPoints}
        color={BACKTEST_COLOR}
        testId="promotion-backtest-chart"
        empty="No finished backtest to compare with."
      />
    </div>
  );
}

function CurveBox(props: {
  title: string;
  figure: string;
  query: { isPending: boolean; error: unknown } | null;
  points: ReturnPoint[];
  color: string;
  testId: string;
  empty: string;
}) {
  const { query } = props;
  return (
    <div>
      <div className="promo-chart-title">
        <strong style={{ color: props.color }}>{props.title}</strong>
        <span className="num">{props.figure}</span>
      </div>
      {query === null ? (
        <div className="state state-empty">{props.empty}</div>
      ) : query.isPending ? (
        <div className="state state-loading" aria-busy="true">
          <span className="spinner" aria-hidden /> Loading…
        </div>
      ) : query.error ? (
        <ErrorNotice error={query.error} title="Could not load the curve" />
      ) : props.points.length < 2 ? (
        <div className="state state-empty" data-testid={`${props.testId}-empty`}>
          {props.empty}
        </div>
      ) : (
        <ReturnChart points={props.points} color={props.color} testId={props.testId} />
      )}
    </div>
  );
}
