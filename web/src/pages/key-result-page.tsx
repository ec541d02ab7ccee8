/** One key result: its metric, a check-in form, the history against the ideal line, links. */
import { useMemo } from "react";
import { KEY_RESULT_KINDS, METRIC_UNITS } from "../../../src/core/types.js";
import { api, getList } from "../api/client";
import {
  type CheckIn,
  type KeyResult,
  KIND_LABELS,
  type Objective,
  type Period,
  type Person,
  STATUS_LABELS,
  type Status,
} from "../api/types";
import { HealthBadge, LockMarker, ProgressBar, StatusBadge } from "../components/badges";
import { Chart } from "../components/chart";
import { CheckInForm } from "../components/check-in-form";
import { CheckInHistory } from "../components/check-in-history";
import { ClosedNotice, isClosed } from "../components/closed-notice";
import { CommentThread } from "../components/comment-thread";
import { ErrorText } from "../components/field";
import { InlineMarkdown } from "../components/inline-markdown";
import { ItemActions } from "../components/item-actions";
import { type FieldSpec, ItemEditor } from "../components/item-editor";
import { KpiFollow } from "../components/kpi-follow";
import { LinksEditor } from "../components/links-editor";
import { SourceSection } from "../components/source-section";
import {
  formatDate,
  formatDateTime,
  formatOwner,
  formatPercent,
  formatTimeAgo,
  formatValue,
  isTargetHidden,
  placeholderOf,
} from "../format";
import { hrefOf, useRoute } from "../router";
import { canCheckIn, canEdit, useShowPeriod, useWorkspace } from "../session";
import { useLoad } from "../use-load";

export const KEY_RESULT_FIELDS: FieldSpec[] = [
  { key: "title", label: "Title", type: "text", hint: "Inline Markdown links are kept." },
  { key: "owner", label: "Owner", type: "owner" },
  {
    key: "kind",
    label: "Kind",
    type: "select",
    options: KEY_RESULT_KINDS.map((k) => [k, KIND_LABELS[k]]),
  },
  {
    key: "unit",
    label: "Unit",
    type: "select",
    nullable: true,
    options: METRIC_UNITS.map((u) => [u, u]),
  },
  { key: "start", label: "Start", type: "number" },
  { key: "target", label: "Target", type: "number" },
  {
    key: "direction",
    label: "Direction (threshold)",
    type: "select",
    nullable: true,
    options: [
      ["above", "Stay above"],
      ["below", "Stay below"],
    ],
  },
  {
    key: "weight",
    label: "Weight",
    type: "number",
    hint: "Relative weight in the objective's score; 0 excludes it.",
  },
  {
    key: "status",
    label: "Status",
    type: "select",
    nullable: true,
    options: (Object.keys(STATUS_LABELS) as Status[]).map((s) => [s, STATUS_LABELS[s]]),
  },
  { key: "outcome", label: "Outcome note", type: "textarea" },
  {
    key: "targetConfidential",
    label: "Target is confidential (only insiders see the number)",
    type: "checkbox",
  },
];

/** Opened from a reminder (`?check-in=1`): the form comes into view with its first field focused. */
function focusCheckIn(section: HTMLElement | null): void {
  if (!section) return;
  section.scrollIntoView({ block: "center" });
  section.querySelector<HTMLElement>("input, select, textarea")?.focus();
}

export function KeyResultPage({ id }: { id: string }) {
  const workspace = useWorkspace();
  const wantsCheckIn = useRoute().query.has("check-in");
  const kr = useLoad(() => api.get<KeyResult>(`/key-results/${id}`), [id]);
  const history = useLoad(() => getList<CheckIn>(`/key-results/${id}/check-ins`, "checkIns"), [id]);
  const objectiveId = kr.data?.objectiveId;
  const objective = useLoad(
    () =>
      objectiveId ? api.get<Objective>(`/objectives/${objectiveId}`) : Promise.resolve(undefined),
    [objectiveId],
  );
  const period = workspace.periods.find((p) => p.id === kr.data?.periodId);
  const editable = canEdit(workspace.user) && !isClosed(period);
  useShowPeriod(kr.data?.periodId);
  const people = useLoad(
    () => getList<Person>("/people", "people").catch(() => [] as Person[]),
    [],
  );

  if (kr.error) return <ErrorText error={kr.error} />;
  if (!kr.data) return <p className="page-status">Loading…</p>;
  const item = kr.data;
  const hiddenTarget = isTargetHidden(item);
  const reload = () => {
    kr.reload();
    history.reload();
  };

  return (
    <article className="item-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        {period && <a href={hrefOf(`/periods/${period.id}`)}>{period.label}</a>}
        {objective.data && (
          <>
            {" › "}
            <a href={hrefOf(`/objectives/${objective.data.id}`)}>
              <InlineMarkdown text={objective.data.title} plain />
            </a>
          </>
        )}
      </nav>
      <header className="item-head">
        <p className="eyebrow">Key result · {formatOwner(item.owner)}</p>
        <h1>
          <InlineMarkdown text={item.title} />{" "}
          {item.targetConfidential && <LockMarker label="Confidential target" />}
        </h1>
        <div className="head-figures">
          <ProgressBar progress={item.progress} label="Progress" health={item.health} />
          <HealthBadge health={item.health} />
          <StatusBadge status={item.status} />
        </div>
      </header>
      <ClosedNotice period={period} />

      <div className="two-columns">
        <section className="card" aria-labelledby="metric-heading">
          <h2 id="metric-heading">Metric</h2>
          <dl className="facts">
            <dt>Kind</dt>
            <dd>{KIND_LABELS[item.kind]}</dd>
            {(item.kind === "metric" || item.kind === "threshold") && (
              <>
                <dt>Start → target</dt>
                <dd>
                  {item.kind === "metric"
                    ? `${formatValue(item.start, item.unit)} → `
                    : `stay ${item.direction ?? "above"} `}
                  {hiddenTarget ? (
                    <span className="placeholder">{placeholderOf(item)}</span>
                  ) : (
                    formatValue(item.target, item.unit)
                  )}
                </dd>
                <dt>Current</dt>
                <dd>
                  {hiddenTarget && item.current === null ? (
                    <span className="placeholder">{placeholderOf(item)}</span>
                  ) : (
                    formatValue(item.current, item.unit)
                  )}
                </dd>
                <dt>Unit</dt>
                <dd>{item.unit ?? "—"}</dd>
              </>
            )}
            <dt>Progress</dt>
            <dd>{formatPercent(item.progress)}</dd>
            <dt>Confidence</dt>
            <dd>{item.confidence === null ? "—" : `${item.confidence} / 10`}</dd>
            <dt>Weight</dt>
            <dd>{item.weight}</dd>
            <dt>Last check-in</dt>
            <dd>
              {formatDateTime(item.lastCheckInAt)}
              {item.lastCheckInAt ? ` (${formatTimeAgo(item.lastCheckInAt)})` : ""}
            </dd>
            {item.outcome && (
              <>
                <dt>Outcome</dt>
                <dd>
                  <InlineMarkdown text={item.outcome} />
                </dd>
              </>
            )}
            {item.carriedFromId && (
              <>
                <dt>Carried over from</dt>
                <dd>
                  <a href={hrefOf(`/key-results/${item.carriedFromId}`)}>the previous period</a>
                </dd>
              </>
            )}
            {item.carriedToId && (
              <>
                <dt>Carried over to</dt>
                <dd>
                  <a href={hrefOf(`/key-results/${item.carriedToId}`)}>the next period</a>
                </dd>
              </>
            )}
          </dl>
        </section>
        {!isClosed(period) && canCheckIn(workspace.user, item, people.data ?? []) && (
          <section
            className="card"
            aria-labelledby="check-in-heading"
            ref={wantsCheckIn ? focusCheckIn : undefined}
          >
            <h2 id="check-in-heading">Check in</h2>
            <CheckInForm key={item.version} keyResult={item} onDone={reload} />
          </section>
        )}
      </div>

      <SourceSection owner={{ keyResultId: item.id }} editable={editable} onRead={reload} />

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <HistoryChart kr={item} checkIns={history.data ?? []} period={period} />
        <ErrorText error={history.error} />
        <CheckInHistory
          kr={item}
          checkIns={history.data ?? []}
          open={!isClosed(period)}
          onChanged={reload}
        />
      </section>

      <CommentThread segment="key-results" itemId={item.id} />

      <section className="card" aria-labelledby="links-heading">
        <h2 id="links-heading">Links</h2>
        <LinksEditor item={item} editable={editable} onChanged={kr.reload} />
        <KpiFollow keyResultId={item.id} editable={editable} onChanged={reload} />
      </section>

      {editable && (
        <section className="card" aria-labelledby="edit-heading">
          <h2 id="edit-heading">Edit</h2>
          <ItemEditor
            item={item}
            path={`/key-results/${item.id}`}
            fields={KEY_RESULT_FIELDS}
            onSaved={(updated) => kr.setData(updated)}
          />
          <h3>Move, carry over, archive</h3>
          <ItemActions key={item.id} item={item} onChanged={kr.reload} />
        </section>
      )}
    </article>
  );
}

const compactNumber = new Intl.NumberFormat("en-US", {
  notation: "compact",
  maximumFractionDigits: 1,
});

/** Whether the chart can show values (else it shows progress in %). */
function plotsValues(kr: KeyResult): boolean {
  return (
    (kr.kind === "metric" || kr.kind === "threshold") && kr.target !== null && kr.start !== null
  );
}

function HistoryChart({
  kr,
  checkIns,
  period,
}: {
  kr: KeyResult;
  checkIns: CheckIn[];
  period: Period | undefined;
}) {
  const option = useMemo(() => {
    const values = plotsValues(kr);
    const sorted = [...checkIns].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const points = sorted
      .map(
        (c) =>
          [c.createdAt, values ? c.value : c.progress === null ? null : c.progress * 100] as const,
      )
      .filter((p): p is readonly [string, number] => p[1] !== null);
    const start = period ? `${period.start}T00:00:00Z` : points[0]?.[0];
    const end = period ? `${period.end}T23:59:59Z` : points[points.length - 1]?.[0];
    const from = values ? (kr.kind === "threshold" ? kr.target : kr.start) : 0;
    const to = values ? kr.target : 100;
    const ideal =
      start && end && from !== null && to !== null
        ? [
            [start, from],
            [end, to],
          ]
        : [];
    return {
      grid: { left: 56, right: 24, top: 36, bottom: 40 },
      tooltip: { trigger: "axis" },
      legend: { data: ["Check-ins", kr.kind === "threshold" ? "Threshold" : "Ideal"], top: 0 },
      xAxis: { type: "time", min: start, max: end, axisLabel: { hideOverlap: true } },
      yAxis: {
        type: "value",
        name: values ? (kr.unit ?? "") : "%",
        scale: true,
        axisLabel: { formatter: (v: number) => compactNumber.format(v) },
      },
      series: [
        {
          name: "Check-ins",
          type: "line",
          data: points,
          symbolSize: 8,
          lineStyle: { width: 3, color: "#1f5fbf" },
          itemStyle: { color: "#1f5fbf" },
        },
        {
          name: kr.kind === "threshold" ? "Threshold" : "Ideal",
          type: "line",
          data: ideal,
          symbol: "none",
          lineStyle: { type: "dashed", color: "#6b7280" },
          itemStyle: { color: "#6b7280" },
        },
      ],
    };
  }, [kr, checkIns, period]);
  const label = `Check-ins of this key result against the ideal line from ${formatDate(period?.start)} to ${formatDate(period?.end)}`;
  return <Chart option={option} label={label} height={260} />;
}
