/** Company score, score by team, KR score distribution against the sweet spot, at-risk, stale. */
import { useMemo } from "react";
import { api } from "../api/client";
import type { Dashboard, DashboardKeyResult, DistributionBucket, ScoreRow } from "../api/types";
import { HealthBadge, OwnerPrefix, ProgressBar } from "../components/badges";
import { Chart } from "../components/chart";
import { ClosedNotice, isClosed } from "../components/closed-notice";
import { ErrorText } from "../components/field";
import { InlineMarkdown } from "../components/inline-markdown";
import { formatDate, formatScore, formatTimeAgo } from "../format";
import { hrefOf } from "../router";
import { useWorkspace } from "../session";
import { useLoad } from "../use-load";

type Raw = Record<string, unknown>;

function rowsOf(value: unknown): ScoreRow[] {
  if (!Array.isArray(value)) return [];
  return value.map((row: Raw) => ({
    name: String(row.name ?? row.team ?? row.owner ?? "—"),
    score: typeof row.score === "number" ? row.score : null,
    count: Number(row.count ?? row.keyResults ?? row.objectives ?? 0),
  }));
}

function bucketsOf(value: unknown): DistributionBucket[] {
  const list = Array.isArray(value)
    ? value
    : Array.isArray((value as Raw | null)?.buckets)
      ? ((value as Raw).buckets as Raw[])
      : [];
  return list.map((b: Raw) => {
    const min = Number(b.min ?? b.from ?? 0);
    const max = Number(b.max ?? b.to ?? min + 0.1);
    return {
      min,
      max,
      count: Number(b.count ?? 0),
      label: String(b.label ?? `${min.toFixed(1)}–${max.toFixed(1)}`),
    };
  });
}

/** Reads the dashboard whatever the exact nesting of its figures. */
export function normaliseDashboard(raw: Raw): Dashboard {
  const distribution = raw.distribution as Raw | unknown[] | undefined;
  const company = raw.company as Raw | undefined;
  return {
    companyScore: (raw.companyScore ?? company?.score ?? null) as number | null,
    byTeam: rowsOf(raw.byTeam ?? raw.scoreByTeam ?? raw.teams),
    byOwner: rowsOf(raw.byOwner ?? raw.scoreByOwner ?? raw.owners),
    distribution: bucketsOf(distribution),
    sweetSpot: Number(
      raw.sweetSpot ??
        (distribution && !Array.isArray(distribution) ? distribution.sweetSpot : undefined) ??
        0.7,
    ),
    atRisk: (raw.atRisk ?? []) as DashboardKeyResult[],
    stale: (raw.stale ?? []) as DashboardKeyResult[],
    progressOverTime: ((raw.progressOverTime ?? raw.overTime ?? []) as Raw[]).map((p) => ({
      date: String(p.date ?? p.day ?? p.at ?? ""),
      score: (p.score ?? p.progress ?? null) as number | null,
    })),
  };
}

export function DashboardPage({ periodId }: { periodId: string }) {
  const workspace = useWorkspace();
  const period = workspace.periods.find((p) => p.id === periodId);
  const dashboard = useLoad(
    async () => normaliseDashboard(await api.get<Raw>(`/periods/${periodId}/dashboard`)),
    [periodId],
  );
  const data = dashboard.data;

  const teamOption = useMemo(() => {
    const rows = [...(data?.byTeam ?? [])].sort((a, b) => (a.score ?? 0) - (b.score ?? 0));
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
            itemStyle: { color: colorOf(r.score) },
          })),
          label: {
            show: true,
            position: "right",
            formatter: (p: { value: number }) => formatScore(p.value),
          },
          markLine: sweetSpotLine(data?.sweetSpot ?? 0.7, "x"),
        },
      ],
    };
  }, [data]);

  const distributionOption = useMemo(() => {
    const buckets = data?.distribution ?? [];
    const sweet = data?.sweetSpot ?? 0.7;
    const sweetIndex = buckets.findIndex((b) => b.min <= sweet && sweet < b.max);
    return {
      grid: { left: 40, right: 16, top: 28, bottom: 40 },
      tooltip: { trigger: "axis" },
      xAxis: {
        type: "category",
        data: buckets.map((b) => b.label),
        name: "score",
        nameLocation: "middle",
        nameGap: 28,
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
  }, [data]);

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
          markLine: sweetSpotLine(data?.sweetSpot ?? 0.7, "y"),
        },
      ],
    };
  }, [data, period]);

  return (
    <section className="dashboard">
      <h1>Dashboard {period?.label && <span className="muted small">{period.label}</span>}</h1>
      <ClosedNotice period={period} />
      <ErrorText error={dashboard.error} />
      {!data && !dashboard.error && <p className="page-status">Loading…</p>}
      {data && (
        <>
          <div className="stat-row">
            <div className="card stat">
              <h2>Company score</h2>
              <p className="big-number" data-testid="company-score">
                {formatScore(data.companyScore)}
              </p>
              <ProgressBar progress={data.companyScore} label="Company score" />
            </div>
            <div className="card stat">
              <h2>At risk</h2>
              <p className="big-number">{data.atRisk.length}</p>
              <p className="muted">key results</p>
            </div>
            {!isClosed(period) && (
              <div className="card stat">
                <h2>Stale</h2>
                <p className="big-number">{data.stale.length}</p>
                <p className="muted">no check-in for 14 days</p>
              </div>
            )}
          </div>
          <div className="two-columns">
            <section className="card" aria-labelledby="team-heading">
              <h2 id="team-heading">Score by team</h2>
              {data.byTeam.length ? (
                <Chart
                  option={teamOption}
                  height={Math.max(160, data.byTeam.length * 32 + 24)}
                  label={`Score by team: ${data.byTeam.map((r) => `${r.name} ${formatScore(r.score)}`).join(", ")}`}
                />
              ) : (
                <p className="muted">No team owns an OKR in this period.</p>
              )}
            </section>
            <section className="card" aria-labelledby="distribution-heading">
              <h2 id="distribution-heading">Key result scores</h2>
              <Chart
                option={distributionOption}
                height={260}
                label={`How key result scores are distributed; the sweet spot ${data.sweetSpot} is marked`}
              />
            </section>
          </div>
          <section className="card" aria-labelledby="time-heading">
            <h2 id="time-heading">Progress over time</h2>
            <Chart option={timeOption} height={240} label="Company score over the period" />
          </section>
          <div className="two-columns">
            <KeyResultList
              id="at-risk"
              title="At risk"
              items={data.atRisk}
              empty="Nothing at risk."
            />
            {!isClosed(period) && (
              <KeyResultList
                id="stale"
                title="Stale (no recent check-in)"
                items={data.stale}
                empty="Every key result has a recent check-in."
              />
            )}
          </div>
          {data.byOwner.length > 0 && (
            <section className="card" aria-labelledby="owner-heading">
              <h2 id="owner-heading">Score by owner</h2>
              <div className="table-wrap">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">Owner</th>
                      <th scope="col">Score</th>
                      <th scope="col">Items</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.byOwner.map((row) => (
                      <tr key={row.name}>
                        <td>{row.name}</td>
                        <td>
                          <ProgressBar progress={row.score} />
                        </td>
                        <td>{row.count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
        </>
      )}
    </section>
  );
}

function KeyResultList({
  id,
  title,
  items,
  empty,
}: {
  id: string;
  title: string;
  items: DashboardKeyResult[];
  empty: string;
}) {
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="child-list dashboard-list">
          {items.map((kr) => (
            <li key={kr.id}>
              <a href={hrefOf(`/key-results/${kr.id}`)}>
                <OwnerPrefix owner={kr.owner} />
                <InlineMarkdown text={kr.title} plain />
              </a>
              <span className="row-figures">
                <ProgressBar progress={kr.progress} health={kr.health} />
                <HealthBadge health={kr.health} />
                {kr.lastCheckInAt !== undefined && (
                  <span
                    className="muted small last-check-in"
                    title={kr.lastCheckInAt ? formatDate(kr.lastCheckInAt) : undefined}
                  >
                    {kr.lastCheckInAt
                      ? `last check-in ${formatTimeAgo(kr.lastCheckInAt)}`
                      : "never checked in"}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function colorOf(score: number | null): string {
  if (score === null) return "#9ca3af";
  if (score >= 0.7) return "#15803d";
  if (score >= 0.4) return "#b45309";
  return "#b91c1c";
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
