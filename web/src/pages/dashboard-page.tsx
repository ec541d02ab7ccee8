/** Company score, score by team, KR score distribution against the sweet spot, at-risk, stale. */
import { useMemo } from "react";
import { DEFAULT_SETTINGS } from "../../../src/core/settings.js";
import type { GradingBand } from "../../../src/core/types.js";
import { api } from "../api/client";
import type { Dashboard, ScoreRow } from "../api/types";
import { ProgressBar } from "../components/badges";
import { Chart } from "../components/chart";
import { ClosedNotice, isClosed } from "../components/closed-notice";
import { KeyResultList, MoreButton, usePagedList } from "../components/dashboard-lists";
import { ErrorText } from "../components/field";
import { KpiStrip } from "../components/kpi-strip";
import { bandOf, formatBucketCounts, formatCount, formatScore } from "../format";
import { hrefOf } from "../router";
import { useGrading, useWorkspace } from "../session";
import { useLoad } from "../use-load";

/** "3 objectives not scored yet", "1 key result not scored yet", or nothing when all are. */
function unscoredNote(unscored: number, what: "objective" | "key result"): string {
  return unscored === 0 ? "" : `${formatCount(unscored, what)} not scored yet`;
}

/** A score, or "not scored" when nothing that makes it up has a score yet (never 0.00). */
function scoreText(score: number | null): string {
  return score === null ? "not scored" : formatScore(score);
}

/** A team's score; a team with no objectives this period says so, it is not "not scored". */
function teamScoreText(row: ScoreRow): string {
  return row.scored + row.unscored === 0 ? "no objectives" : scoreText(row.score);
}

export function DashboardPage({ periodId }: { periodId: string }) {
  const workspace = useWorkspace();
  const grading = useGrading();
  const sweetSpot = workspace.settings?.sweetSpot ?? DEFAULT_SETTINGS.sweetSpot;
  const period = workspace.periods.find((p) => p.id === periodId);
  const dashboard = useLoad(() => api.get<Dashboard>(`/periods/${periodId}/dashboard`), [periodId]);
  const data = dashboard.data;
  const staleDays = data?.staleDays ?? 14;
  const teams = usePagedList<ScoreRow>(periodId, "byTeam", data?.byTeam, staleDays);
  const owners = usePagedList<ScoreRow>(periodId, "byOwner", data?.byOwner, staleDays);
  const teamRows = teams.page?.items ?? [];
  const ownerRows = owners.page?.items ?? [];

  const teamOption = useMemo(() => {
    const rows = [...teamRows].sort((a, b) => (a.score ?? -1) - (b.score ?? -1));
    return {
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: (v: number) => formatScore(v) },
      xAxis: { type: "value", min: 0, max: 1 },
      yAxis: {
        type: "category",
        data: rows.map((r) => r.name),
        axisLabel: { width: 140, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          data: rows.map((r) => ({
            value: r.score ?? 0,
            itemStyle: { color: colorOf(r.score, grading) },
          })),
          label: {
            show: true,
            position: "right",
            formatter: (p: { dataIndex: number }) => {
              const row = rows[p.dataIndex];
              return row ? teamScoreText(row) : "";
            },
          },
          markLine: sweetSpotLine(data?.distribution.sweetSpot ?? sweetSpot, "x"),
        },
      ],
    };
  }, [data, teamRows, grading, sweetSpot]);

  const distributionOption = useMemo(() => {
    const buckets = data?.distribution.buckets ?? [];
    const sweet = data?.distribution.sweetSpot ?? sweetSpot;
    const sweetIndex = buckets.findIndex((b) => b.min <= sweet && sweet < (b.max ?? Infinity));
    return {
      grid: { left: 40, right: 16, top: 28, bottom: 64 },
      tooltip: { trigger: "axis" },
      xAxis: {
        type: "category",
        data: buckets.map((b) => b.label),
        // Every bucket named under its bar: with labels left out, a bar reads as its neighbour's.
        axisLabel: { interval: 0, rotate: 45 },
        name: "score",
        nameLocation: "middle",
        nameGap: 48,
      },
      yAxis: { type: "value", name: "key results", minInterval: 1 },
      series: [
        {
          type: "bar",
          data: buckets.map((b, i) => ({
            value: b.count,
            itemStyle: { color: i === sweetIndex ? "#15803d" : "#1f5fbf" },
          })),
          markLine:
            sweetIndex >= 0
              ? {
                  symbol: "none",
                  silent: true,
                  lineStyle: { color: "#15803d", type: "dashed", width: 2 },
                  label: { formatter: `sweet spot ${sweet}`, color: "#15803d" },
                  data: [{ xAxis: sweetIndex }],
                }
              : undefined,
        },
      ],
    };
  }, [data, sweetSpot]);

  const timeOption = useMemo(() => {
    const points = (data?.progressOverTime ?? [])
      .filter((p) => p.score !== null)
      .map((p) => [p.date, p.score]);
    return {
      grid: { left: 40, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: "axis" },
      xAxis: {
        type: "time",
        axisLabel: { hideOverlap: true },
        min: period ? `${period.start}` : undefined,
        max: period ? `${period.end}` : undefined,
      },
      yAxis: { type: "value", min: 0, max: 1 },
      series: [
        {
          type: "line",
          name: "Company score",
          data: points,
          lineStyle: { width: 3, color: "#1f5fbf" },
          itemStyle: { color: "#1f5fbf" },
          markLine: sweetSpotLine(data?.distribution.sweetSpot ?? sweetSpot, "y"),
        },
      ],
    };
  }, [data, period, sweetSpot]);

  return (
    <section className="dashboard">
      <div className="page-head">
        <h1>Dashboard {period?.label && <span className="muted small">{period.label}</span>}</h1>
        <a className="button" href={hrefOf(`/periods/${periodId}/review`)}>
          Review mode
        </a>
      </div>
      <ClosedNotice period={period} />
      <KpiStrip />
      <ErrorText error={dashboard.error} />
      {!data && !dashboard.error && <p className="page-status">Loading…</p>}
      {data && (
        <>
          <div className="stat-row">
            <div className="card stat">
              <h2>Company score</h2>
              <p className="big-number" data-testid="company-score">
                {scoreText(data.company.score)}
              </p>
              <ProgressBar progress={data.company.score} label="Company score" />
              <p className="muted small" data-testid="company-unscored">
                {unscoredNote(data.company.unscored, "objective")}
              </p>
            </div>
            <div className="card stat">
              <h2>At risk</h2>
              <p className="big-number">{data.atRisk.total}</p>
              <p className="muted">key results</p>
            </div>
            {!isClosed(period) && (
              <div className="card stat">
                <h2>Stale</h2>
                <p className="big-number">{data.stale.total}</p>
                <p className="muted">no check-in for {staleDays} days</p>
              </div>
            )}
          </div>
          <div className="two-columns">
            <section className="card" aria-labelledby="team-heading">
              <h2 id="team-heading">Score by team</h2>
              {teamRows.length ? (
                <Chart
                  option={teamOption}
                  height={Math.max(160, teamRows.length * 32 + 24)}
                  label={`Score by team: ${teamRows
                    .map(
                      (r) =>
                        `${r.name} ${teamScoreText(r)}${r.unscored ? ` (${unscoredNote(r.unscored, "objective")})` : ""}`,
                    )
                    .join(", ")}`}
                />
              ) : (
                <p className="muted">No teams yet.</p>
              )}
              <MoreButton
                shown={teamRows.length}
                total={teams.page?.total ?? 0}
                hasMore={(teams.page?.nextOffset ?? null) !== null}
                busy={teams.busy}
                error={teams.error}
                onMore={teams.more}
                what="teams"
              />
            </section>
            <section className="card" aria-labelledby="distribution-heading">
              <h2 id="distribution-heading">Key result scores</h2>
              <Chart
                option={distributionOption}
                height={260}
                label={`How the ${data.distribution.count} scored key results are distributed; the sweet spot ${data.distribution.sweetSpot} is marked${formatBucketCounts(data.distribution.buckets)}`}
              />
              <p className="muted small" data-testid="distribution-unscored">
                {data.distribution.count} scored
                {data.distribution.unscored > 0 &&
                  `; ${unscoredNote(data.distribution.unscored, "key result")} (left out)`}
              </p>
            </section>
          </div>
          <section className="card" aria-labelledby="time-heading">
            <h2 id="time-heading">Progress over time</h2>
            <Chart option={timeOption} height={240} label="Company score over the period" />
          </section>
          <div className="two-columns">
            <KeyResultList
              id="at-risk"
              list="atRisk"
              title="At risk"
              periodId={periodId}
              first={data.atRisk}
              staleDays={staleDays}
              empty="Nothing at risk."
            />
            {!isClosed(period) && (
              <KeyResultList
                id="stale"
                list="stale"
                title="Stale (no recent check-in)"
                periodId={periodId}
                first={data.stale}
                staleDays={staleDays}
                empty="Every key result has a recent check-in."
              />
            )}
          </div>
          {ownerRows.length > 0 && (
            <section className="card" aria-labelledby="owner-heading">
              <h2 id="owner-heading">Score by owner</h2>
              <div className="table-wrap">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">Owner</th>
                      <th scope="col">Score</th>
                      <th scope="col">Scored</th>
                      <th scope="col">Not scored yet</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ownerRows.map((row) => (
                      <tr key={`${row.kind}:${row.id ?? row.name}`}>
                        <td>{row.name}</td>
                        <td>
                          {row.score === null ? (
                            <span className="muted">not scored</span>
                          ) : (
                            <ProgressBar progress={row.score} />
                          )}
                        </td>
                        <td>{row.scored}</td>
                        <td>{row.unscored}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <MoreButton
                shown={ownerRows.length}
                total={owners.page?.total ?? 0}
                hasMore={(owners.page?.nextOffset ?? null) !== null}
                busy={owners.busy}
                error={owners.error}
                onMore={owners.more}
                what="owners"
              />
            </section>
          )}
        </>
      )}
    </section>
  );
}

const BAND_COLOURS = { none: "#9ca3af", green: "#15803d", yellow: "#b45309", red: "#b91c1c" };

/** The chart colour of a score in the workspace's grading bands. */
function colorOf(score: number | null, grading: readonly GradingBand[]): string {
  return BAND_COLOURS[bandOf(score, grading)];
}

function sweetSpotLine(value: number, axis: "x" | "y") {
  return {
    symbol: "none",
    silent: true,
    lineStyle: { color: "#15803d", type: "dashed" },
    label: {
      formatter: axis === "x" ? `${value}` : `sweet spot ${value}`,
      color: "#15803d",
      position: axis === "x" ? "end" : "insideEndTop",
    },
    data: [axis === "x" ? { xAxis: value } : { yAxis: value }],
  };
}
