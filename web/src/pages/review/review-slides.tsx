/**
 * The screens of the quarterly review, shared by the review mode and its print view (the PDF):
 * an opening screen (the company score and its trend), one screen per top-level objective, and
 * a closing screen (the distribution against the sweet spot, the retrospectives).
 */
import { useMemo } from "react";
import type { ReviewAnswer } from "../../../../src/contract/review.js";
import { HealthBadge, ProgressBar, StatusBadge } from "../../components/badges";
import { Chart } from "../../components/chart";
import { InlineMarkdown } from "../../components/inline-markdown";
import { bandOf, formatBucketCounts, formatCount, formatDate, formatPercent } from "../../format";
import "./review.css";

export type Review = ReviewAnswer;
type ReviewObjective = Review["objectives"][number];
type ScorePoint = Review["company"]["trend"][number];

/** How many screens a review has: the opening, one per objective, the closing. */
export function slideCount(review: Review): number {
  return review.objectives.length + 2;
}

/** A screen's heading, for the counter and the page title. */
export function slideTitle(review: Review, index: number): string {
  if (index === 0) return `${review.period.label} review`;
  const objective = review.objectives[index - 1];
  return objective ? objective.title : "Distribution and retrospectives";
}

function ScoreBig({ score, review }: { score: number | null; review: Review }) {
  return (
    <p className={`review-score tone-${bandOf(score, review.grading)}`} data-testid="review-score">
      {score === null ? "not scored" : formatPercent(score)}
    </p>
  );
}

function TrendChart({
  points,
  review,
  label,
}: {
  points: ScorePoint[];
  review: Review;
  label: string;
}) {
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 24, top: 16, bottom: 32 },
      xAxis: {
        type: "time",
        min: review.period.start,
        max: review.period.end,
        axisLabel: { hideOverlap: true, fontSize: 14 },
      },
      yAxis: {
        type: "value",
        min: 0,
        max: 1,
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%`, fontSize: 14 },
      },
      series: [
        {
          type: "line",
          data: points.filter((p) => p.score !== null).map((p) => [p.date, p.score]),
          lineStyle: { width: 4, color: "#1f5fbf" },
          itemStyle: { color: "#1f5fbf" },
          markLine: {
            symbol: "none",
            silent: true,
            lineStyle: { color: "#15803d", type: "dashed", width: 2 },
            label: {
              formatter: `sweet spot ${formatPercent(review.sweetSpot)}`,
              color: "#15803d",
              position: "insideEndTop",
            },
            data: [{ yAxis: review.sweetSpot }],
          },
        },
      ],
    }),
    [points, review],
  );
  if (points.every((p) => p.score === null)) {
    return <p className="muted">No check-ins yet: no trend to show.</p>;
  }
  return <Chart option={option} height={220} label={label} />;
}

function OpeningSlide({ review }: { review: Review }) {
  const { period, company } = review;
  return (
    <>
      <header className="review-head">
        <p className="review-kicker">Quarterly review</p>
        <h2 className="review-title">{period.label}</h2>
        <p className="muted">
          {formatDate(period.start)} – {formatDate(period.end)}
          {period.closedAt ? " · closed" : ""}
        </p>
      </header>
      <div className="review-body review-columns">
        <section>
          <h3>Company score</h3>
          <ScoreBig score={company.score} review={review} />
          <p className="muted">
            {review.objectives.length} top-level objectives · sweet spot{" "}
            {formatPercent(review.sweetSpot)}
          </p>
        </section>
        <section>
          <h3>Week by week</h3>
          <TrendChart points={company.trend} review={review} label="Company score week by week" />
        </section>
      </div>
    </>
  );
}

function ObjectiveSlide({ review, objective }: { review: Review; objective: ReviewObjective }) {
  return (
    <>
      <header className="review-head">
        <p className="review-kicker">{objective.owner ?? "No owner"}</p>
        <h2 className="review-title">
          <InlineMarkdown text={objective.title} plain />
        </h2>
        {objective.alignedCount > 0 && (
          <p className="muted">
            {formatCount(objective.alignedCount, "objective")} aligned beneath
          </p>
        )}
      </header>
      <div className="review-body review-columns">
        <section>
          <h3>Score</h3>
          <ScoreBig score={objective.score} review={review} />
          <StatusBadge status={objective.status} />
          <TrendChart
            points={objective.trend}
            review={review}
            label={`Score of ${objective.title} week by week`}
          />
        </section>
        <section>
          <h3>Key results</h3>
          {objective.keyResults.length === 0 && <p className="muted">No key results of its own.</p>}
          <ul className="review-krs">
            {objective.keyResults.map((kr) => (
              <li key={kr.id}>
                <div className="review-kr-line">
                  <span className="review-kr-title">
                    <InlineMarkdown text={kr.title} plain />
                  </span>
                  <HealthBadge health={kr.health} />
                  <ProgressBar progress={kr.progress} health={kr.health} label={kr.title} />
                </div>
                {kr.lastNote && (
                  <p className="review-note">
                    “{kr.lastNote.note}”{" "}
                    <span className="muted">
                      — {kr.lastNote.author ?? "someone"}, {formatDate(kr.lastNote.at)}
                    </span>
                  </p>
                )}
              </li>
            ))}
          </ul>
          <h3>At risk</h3>
          {objective.atRisk.length === 0 ? (
            <p className="muted" data-testid="review-nothing-at-risk">
              Nothing at risk.
            </p>
          ) : (
            <ul className="review-risks" data-testid="review-at-risk">
              {objective.atRisk.map((kr) => (
                <li key={kr.id}>
                  <HealthBadge health={kr.health} /> <InlineMarkdown text={kr.title} plain />{" "}
                  <span className="muted">{formatPercent(kr.progress)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

function ClosingSlide({ review }: { review: Review }) {
  const { distribution } = review;
  const option = useMemo(() => {
    const sweetIndex = distribution.buckets.findIndex(
      (b) => b.min <= review.sweetSpot && review.sweetSpot < (b.max ?? Number.POSITIVE_INFINITY),
    );
    return {
      grid: { left: 48, right: 16, top: 28, bottom: 64 },
      xAxis: {
        type: "category",
        data: distribution.buckets.map((b) => b.label),
        // Every bucket named under its bar: with labels left out, a bar reads as its neighbour's.
        axisLabel: { fontSize: 13, interval: 0, rotate: 45 },
      },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          type: "bar",
          data: distribution.buckets.map((b, i) => ({
            value: b.count,
            itemStyle: { color: i === sweetIndex ? "#15803d" : "#1f5fbf" },
          })),
          markLine:
            sweetIndex >= 0
              ? {
                  symbol: "none",
                  silent: true,
                  lineStyle: { color: "#15803d", type: "dashed", width: 2 },
                  label: { formatter: `sweet spot ${formatPercent(review.sweetSpot)}` },
                  data: [{ xAxis: sweetIndex }],
                }
              : undefined,
        },
      ],
    };
  }, [distribution, review.sweetSpot]);
  return (
    <>
      <header className="review-head">
        <p className="review-kicker">{review.period.label}</p>
        <h2 className="review-title">Distribution and retrospectives</h2>
      </header>
      <div className="review-body review-columns">
        <section>
          <h3>Key-result scores against the sweet spot</h3>
          <Chart
            option={option}
            height={260}
            label={`${distribution.count} scored key results; the sweet spot ${formatPercent(review.sweetSpot)} is marked${formatBucketCounts(distribution.buckets)}`}
          />
          <p data-testid="review-sweet-spot">
            {distribution.count} scored · mean {formatPercent(distribution.mean)} ·{" "}
            {formatPercent(distribution.atOrAboveSweetSpot)} at or above{" "}
            {formatPercent(review.sweetSpot)} · {distribution.atOrAboveFull} at 100% or more
          </p>
        </section>
        <section>
          <h3>Retrospectives</h3>
          {review.retrospectives.length === 0 && <p className="muted">No retrospectives yet.</p>}
          <div className="review-retros">
            {review.retrospectives.map((r) => (
              <article key={r.team} className="review-retro">
                <h4>{r.team}</h4>
                {(["good", "bad", "try"] as const).map((part) =>
                  r[part].length === 0 ? null : (
                    <p key={part}>
                      <strong>{part.toUpperCase()}</strong>{" "}
                      {r[part].map((line, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: a retrospective's lines are fixed, in order; two may read alike
                        <span key={`${part}-${i}`} className="review-retro-line">
                          <InlineMarkdown text={line} plain />
                        </span>
                      ))}
                    </p>
                  ),
                )}
              </article>
            ))}
          </div>
        </section>
      </div>
    </>
  );
}

/** One screen of the review, by index (0: the opening; last: the closing). */
export function ReviewSlide({ review, index }: { review: Review; index: number }) {
  const objective = review.objectives[index - 1];
  return (
    <article
      className="review-slide"
      aria-label={`Screen ${index + 1} of ${slideCount(review)}: ${slideTitle(review, index)}`}
    >
      {index === 0 ? (
        <OpeningSlide review={review} />
      ) : objective ? (
        <ObjectiveSlide review={review} objective={objective} />
      ) : (
        <ClosingSlide review={review} />
      )}
    </article>
  );
}

/** Presenter notes of a screen: the check-in notes under its objective, newest first. */
export function PresenterNotes({ review, index }: { review: Review; index: number }) {
  const objective = review.objectives[index - 1];
  const notes = objective?.notes ?? [];
  return (
    <aside className="review-notes" aria-label="Presenter notes">
      <h3>Presenter notes</h3>
      {notes.length === 0 ? (
        <p className="muted">No check-in notes for this screen.</p>
      ) : (
        <ul>
          {notes.map((n) => (
            <li key={`${n.at}-${n.keyResult}`}>
              <strong>
                <InlineMarkdown text={n.keyResult} plain />
              </strong>
              : {n.note}{" "}
              <span className="muted">
                ({n.author ?? "someone"}, {formatDate(n.at)})
              </span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
