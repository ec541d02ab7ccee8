/** The audit log (admins): who changed what and when, each change as a before/after diff. */
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { api, messageOf, queryOf } from "../api/client";
import type { AuditEvent } from "../api/types";
import { ErrorText } from "../components/field";
import { InlineMarkdown } from "../components/inline-markdown";
import { formatDate } from "../format";
import { hrefOf } from "../router";
import {
  describeRetrospectives,
  diffSnapshots,
  labelOf,
  type Names,
  showValue,
} from "./audit-words";

/** Events per page; "More" fetches the next page with the server's cursor. */
const PAGE_SIZE = 50;

interface AuditAnswer {
  events: AuditEvent[];
  next: string | null;
  names: Names;
}

const ENTITIES = [
  "objective",
  "key_result",
  "link",
  "period",
  "person",
  "team",
  "user",
  "api_token",
  "settings",
  "retrospectives",
];

const ACTION_LABELS: Record<string, string> = {
  check_in: "Check-in",
  create: "Created",
  update: "Updated",
  delete: "Deleted",
  archive: "Archived",
  move: "Moved",
  reorder: "Reordered",
  carry_over: "Carried over",
  close: "Closed",
  reopen: "Reopened",
  import: "Imported",
  change_password: "Changed password",
};

function hrefOfEntity(event: AuditEvent): string | undefined {
  if (event.action === "delete") return undefined;
  if (event.entity === "objective") return hrefOf(`/objectives/${event.entityId}`);
  if (event.entity === "key_result") return hrefOf(`/key-results/${event.entityId}`);
  if (event.entity === "period") return hrefOf(`/periods/${event.entityId}`);
  if (event.entity === "retrospectives") return hrefOf(`/periods/${event.entityId}/retrospectives`);
  return undefined;
}

function formatTime(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return `${formatDate(at)} ${date.toISOString().slice(11, 16)} UTC`;
}

export function AuditPage() {
  const [entity, setEntity] = useState("");
  const [draft, setDraft] = useState("");
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [names, setNames] = useState<Names>({});
  const [next, setNext] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  /** Loads the first page (`cursor` null) or appends the page after `cursor`. */
  const load = useCallback(
    async (cursor: string | null) => {
      setBusy(true);
      setError(undefined);
      try {
        const page = await api.get<AuditAnswer>(
          `/audit${queryOf({ entity, limit: PAGE_SIZE, cursor })}`,
        );
        setEvents((shown) => (cursor ? [...shown, ...page.events] : page.events));
        setNames((known) => (cursor ? { ...known, ...page.names } : page.names));
        setNext(page.next);
        setLoaded(true);
      } catch (err) {
        setError(messageOf(err));
      } finally {
        setBusy(false);
      }
    },
    [entity],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (draft === entity) void load(null);
    setEntity(draft);
  };
  return (
    <section className="audit-page">
      <h1>Audit log</h1>
      <form className="inline-form audit-filters" onSubmit={apply}>
        <div className="field">
          <label htmlFor="audit-entity">What changed</label>
          <select id="audit-entity" value={draft} onChange={(e) => setDraft(e.target.value)}>
            <option value="">Everything</option>
            {ENTITIES.map((name) => (
              <option key={name} value={name}>
                {name.replace("_", " ")}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Show</button>
        <button type="button" onClick={() => void load(null)}>
          Refresh
        </button>
      </form>
      <ErrorText error={error} />
      {loaded && events.length === 0 && <p className="muted">Nothing recorded yet.</p>}
      {events.length > 0 && (
        <div className="table-wrap">
          <table className="data-table audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">What</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <AuditRow key={event.id} event={event} names={names} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small audit-count" role="status">
        {loaded ? `${events.length} ${events.length === 1 ? "event" : "events"} shown` : ""}
        {loaded && next ? "; older ones follow." : loaded && events.length > 0 ? ", all." : ""}
      </p>
      {next && (
        <button type="button" disabled={busy} onClick={() => void load(next)}>
          {busy ? "Loading…" : `More (next ${PAGE_SIZE})`}
        </button>
      )}
    </section>
  );
}

function AuditRow({ event, names }: { event: AuditEvent; names: Names }) {
  const href = hrefOfEntity(event);
  const label = labelOf(event, names);
  const sentences =
    event.entity === "retrospectives" ? describeRetrospectives(event.before, event.after) : null;
  const changes = sentences ? [] : diffSnapshots(event.before, event.after);
  return (
    <tr className="audit-row">
      <td className="nowrap" data-label="When">
        {formatTime(event.at)}
      </td>
      <td data-label="Who">{event.actorName ?? "system"}</td>
      <td data-label="Action">{ACTION_LABELS[event.action] ?? event.action}</td>
      <td data-label="What">
        <span className="muted small">{event.entity.replace("_", " ")} </span>
        {href ? (
          <a href={href}>
            <InlineMarkdown text={label} plain />
          </a>
        ) : (
          label
        )}
      </td>
      <td data-label="Changes">
        {sentences ? (
          sentences.length === 0 ? (
            <span className="muted small">nothing changed</span>
          ) : (
            <ul className="audit-sentences">
              {sentences.map((sentence) => (
                <li key={sentence}>{sentence}</li>
              ))}
            </ul>
          )
        ) : changes.length === 0 ? (
          <span className="muted small">no field changed</span>
        ) : (
          <details>
            <summary>
              {changes.length === 1 ? `1 field: ${changes[0]?.field}` : `${changes.length} fields`}
            </summary>
            <table className="diff-table">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((change) => (
                  <tr key={change.field}>
                    <th scope="row">{change.field}</th>
                    <td className="diff-before">{showValue(change.before, change.field, names)}</td>
                    <td className="diff-after">{showValue(change.after, change.field, names)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        )}
      </td>
    </tr>
  );
}
