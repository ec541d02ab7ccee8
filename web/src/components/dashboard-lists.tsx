/** The dashboard's paged lists: the first page comes with the dashboard, "More" reads the next. */
import { useState } from "react";
import { api, messageOf } from "../api/client";
import type { DashboardKeyResult, ListPage } from "../api/types";
import { formatDate, formatTimeAgo } from "../format";
import { hrefOf } from "../router";
import { HealthBadge, OwnerPrefix, ProgressBar } from "./badges";
import { ErrorText } from "./field";
import { InlineMarkdown } from "./inline-markdown";

export type DashboardListName = "atRisk" | "stale" | "byTeam" | "byOwner";

/**
 * A list's rows so far and a `more()` that appends the next page from
 * `GET /periods/{id}/dashboard/{list}`; starts again when the first page changes.
 */
export function usePagedList<T>(
  periodId: string,
  list: DashboardListName,
  first: ListPage<T> | undefined,
  staleDays: number,
) {
  // The rows "More" added, kept with the first page they follow: a new first page starts again
  // at once, never drawn for one render as the old rows or as none.
  const [added, setAdded] = useState<{ first: ListPage<T> | undefined; page: ListPage<T> }>();
  const page = added && added.first === first ? added.page : first;
  const setPage = (next: ListPage<T>) => setAdded({ first, page: next });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const more = async () => {
    if (!page || page.nextOffset === null) return;
    setBusy(true);
    setError(undefined);
    try {
      const next = await api.get<ListPage<T>>(
        `/periods/${periodId}/dashboard/${list}?offset=${page.nextOffset}&limit=20&staleDays=${staleDays}`,
      );
      setPage({ ...next, items: [...page.items, ...next.items], offset: 0 });
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return { page, more, busy, error };
}

/** "Showing 20 of 143" and a button for the next page while there is one. */
export function MoreButton({
  shown,
  total,
  hasMore,
  busy,
  error,
  onMore,
  what,
}: {
  shown: number;
  total: number;
  hasMore: boolean;
  busy: boolean;
  error: string | undefined;
  onMore: () => void;
  what: string;
}) {
  if (total === 0) return null;
  return (
    <div className="list-more">
      <span className="muted small">
        Showing {shown} of {total}
      </span>
      {hasMore && (
        <button type="button" className="secondary" onClick={onMore} disabled={busy}>
          {busy ? "Loading…" : `More ${what}`}
        </button>
      )}
      <ErrorText error={error} />
    </div>
  );
}

export function KeyResultList({
  id,
  list,
  title,
  periodId,
  first,
  staleDays,
  empty,
}: {
  /** The section's id in the page. */
  id: string;
  list: DashboardListName;
  title: string;
  periodId: string;
  first: ListPage<DashboardKeyResult>;
  staleDays: number;
  empty: string;
}) {
  const { page, more, busy, error } = usePagedList(periodId, list, first, staleDays);
  const items = page?.items ?? [];
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {title} <span className="muted small">({page?.total ?? 0})</span>
      </h2>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="child-list dashboard-list" data-testid={`${id}-list`}>
          {items.map((kr) => (
            <li key={kr.id}>
              <a href={hrefOf(`/key-results/${kr.id}`)}>
                <OwnerPrefix owner={kr.owner} />
                <InlineMarkdown text={kr.title} plain />
              </a>
              <span className="row-figures">
                {kr.progress === null ? (
                  <span className="muted small">not scored</span>
                ) : (
                  <ProgressBar progress={kr.progress} />
                )}
                <HealthBadge health={kr.health} />
                <span
                  className="muted small last-check-in"
                  title={kr.lastCheckInAt ? formatDate(kr.lastCheckInAt) : undefined}
                >
                  {kr.lastCheckInAt
                    ? `last check-in ${formatTimeAgo(kr.lastCheckInAt)}`
                    : "never checked in"}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <MoreButton
        shown={items.length}
        total={page?.total ?? 0}
        hasMore={page?.nextOffset !== null && page?.nextOffset !== undefined}
        busy={busy}
        error={error}
        onMore={more}
        what="key results"
      />
    </section>
  );
}
