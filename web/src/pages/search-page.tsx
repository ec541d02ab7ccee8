/** Search objectives and key results across periods: words, owner, team, status, health, period. */
import { type FormEvent, useEffect, useState } from "react";
import { api, queryOf } from "../api/client";
import {
  HEALTH_LABELS,
  HEALTHS,
  type KeyResult,
  type Objective,
  STATUS_LABELS,
  STATUSES,
} from "../api/types";
import { HealthBadge, ProgressBar, StatusBadge } from "../components/badges";
import { ErrorText, TextField } from "../components/field";
import { InlineMarkdown } from "../components/inline-markdown";
import { formatOwner } from "../format";
import { navigate } from "../router";
import { useWorkspace } from "../session";
import { useLoad } from "../use-load";
import { hrefOfNode } from "./period/virtual-tree";

interface SearchHit {
  item: Objective | KeyResult;
  period: { id: string; label: string };
}

interface SearchAnswer {
  hits: SearchHit[];
  truncated: boolean;
}

const FILTERS = ["q", "owner", "team", "status", "health", "periodId"] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;

function filtersOf(query: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((key) => [key, query.get(key) ?? ""])) as Filters;
}

export function SearchPage({ query }: { query: URLSearchParams }) {
  const workspace = useWorkspace();
  const applied = filtersOf(query);
  const key = queryOf(applied);
  const [draft, setDraft] = useState<Filters>(applied);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query string names the filters
  useEffect(() => setDraft(filtersOf(query)), [key]);
  const searched = FILTERS.some((name) => applied[name] !== "");
  const results = useLoad(
    async () => (searched ? api.get<SearchAnswer>(`/search${key}`) : undefined),
    [key],
  );

  const set = (name: Filter) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = Object.fromEntries(
      FILTERS.map((name) => [name, draft[name].trim()]),
    ) as Filters;
    navigate(`/search${queryOf(trimmed)}`);
    if (queryOf(trimmed) === key) results.reload();
  };

  const hits = results.data?.hits ?? [];
  return (
    <section className="search-page">
      <h1>Search</h1>
      <form className="card search-form" aria-label="Search filters" onSubmit={submit}>
        <div className="field-row">
          <TextField
            label="Words"
            type="search"
            name="q"
            value={draft.q}
            placeholder="Title, outcome or owner"
            onChange={(e) => set("q")(e.target.value)}
          />
          <TextField
            label="Owner"
            name="owner"
            value={draft.owner}
            placeholder="Person, team or role"
            onChange={(e) => set("owner")(e.target.value)}
          />
          <TextField
            label="Team"
            name="team"
            value={draft.team}
            onChange={(e) => set("team")(e.target.value)}
          />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="search-status">Status</label>
            <select
              id="search-status"
              value={draft.status}
              onChange={(e) => set("status")(e.target.value)}
            >
              <option value="">Any status</option>
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {STATUS_LABELS[status]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-health">Health</label>
            <select
              id="search-health"
              value={draft.health}
              onChange={(e) => set("health")(e.target.value)}
            >
              <option value="">Any health</option>
              {HEALTHS.map((health) => (
                <option key={health} value={health}>
                  {HEALTH_LABELS[health]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-period">Period</label>
            <select
              id="search-period"
              value={draft.periodId}
              onChange={(e) => set("periodId")(e.target.value)}
            >
              <option value="">All periods</option>
              {workspace.periods.map((period) => (
                <option key={period.id} value={period.id}>
                  {period.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      <ErrorText error={results.error} />
      {!searched ? (
        <p className="muted">Type a word or pick a filter to search every period.</p>
      ) : results.loading && !results.data ? (
        <p className="page-status">Searching…</p>
      ) : (
        results.data && (
          <section className="card" aria-labelledby="results-heading">
            <h2 id="results-heading">
              {hits.length === 0
                ? "No matches"
                : `${hits.length}${results.data.truncated ? "+" : ""} ${hits.length === 1 ? "match" : "matches"}`}
            </h2>
            {results.data.truncated && (
              <p className="muted small">Only the first matches are shown; narrow the search.</p>
            )}
            <ul className="child-list search-results">
              {hits.map(({ item, period }) => (
                <li key={item.id}>
                  <span className={`kind-tag ${item.type === "key_result" ? "kr" : "objective"}`}>
                    {item.type === "key_result" ? "KR" : "O"}
                  </span>
                  <a href={hrefOfNode(item)}>
                    <InlineMarkdown text={item.title} plain />
                  </a>
                  <span className="row-figures">
                    <span className="muted small">
                      {period.label} · {formatOwner(item.owner)}
                    </span>
                    {item.type === "key_result" && (
                      <>
                        <ProgressBar progress={item.progress} health={item.health} />
                        <HealthBadge health={item.health} />
                      </>
                    )}
                    <StatusBadge status={item.status} />
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )
      )}
    </section>
  );
}
