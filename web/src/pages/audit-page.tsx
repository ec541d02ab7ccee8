/** The audit log (admins): who changed what and when, each change as a before/after diff. */
import { type FormEvent, useState } from "react";
import { api, queryOf } from "../api/client";
import type { AuditEvent } from "../api/types";
import { ErrorText } from "../components/field";
import { InlineMarkdown } from "../components/inline-markdown";
import { formatDate } from "../format";
import { hrefOf } from "../router";
import { useLoad } from "../use-load";

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
};

/** One changed field: its name and its value before and after (undefined: absent). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The fields that differ between two snapshots; a whole value when they are not objects. */
export function diffSnapshots(before: unknown, after: unknown): FieldChange[] {
  // A creation or a deletion: every field of the one snapshot there is.
  if (before === null && isRecord(after)) return diffSnapshots({}, after);
  if (after === null && isRecord(before)) return diffSnapshots(before, {});
  if (!isRecord(before) || !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after)
      ? []
      : [{ field: "(value)", before, after }];
  }
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

function showValue(value: unknown): string {
  if (value === undefined) return "";
  if (value === null) return "—";
  if (typeof value === "string") return value;
  if (isRecord(value) && typeof value.name === "string" && Object.keys(value).length <= 3)
    return value.name;
  return JSON.stringify(value);
}

function labelOf(event: AuditEvent): string {
  for (const snapshot of [event.after, event.before]) {
    if (isRecord(snapshot)) {
      const text = snapshot.title ?? snapshot.name ?? snapshot.label ?? snapshot.email;
      if (typeof text === "string" && text) return text;
    }
  }
  return event.entityId;
}

function hrefOfEntity(event: AuditEvent): string | undefined {
  if (event.action === "delete") return undefined;
  if (event.entity === "objective") return hrefOf(`/objectives/${event.entityId}`);
  if (event.entity === "key_result") return hrefOf(`/key-results/${event.entityId}`);
  if (event.entity === "period") return hrefOf(`/periods/${event.entityId}`);
  return undefined;
}

function formatTime(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return `${formatDate(at)} ${date.toISOString().slice(11, 16)} UTC`;
}

export function AuditPage() {
  const [entity, setEntity] = useState("");
  const [limit, setLimit] = useState(100);
  const events = useLoad(
    async () =>
      (await api.get<{ events: AuditEvent[] }>(`/audit${queryOf({ entity, limit })}`)).events,
    [entity, limit],
  );
  const [draft, setDraft] = useState("");
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (draft === entity) events.reload();
    setEntity(draft);
  };
  const list = events.data ?? [];
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
        <button type="button" onClick={() => events.reload()}>
          Refresh
        </button>
      </form>
      <ErrorText error={events.error} />
      {events.data && list.length === 0 && <p className="muted">Nothing recorded yet.</p>}
      {list.length > 0 && (
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
              {list.map((event) => {
                const changes = diffSnapshots(event.before, event.after);
                const href = hrefOfEntity(event);
                return (
                  <tr key={event.id} className="audit-row">
                    <td className="nowrap">{formatTime(event.at)}</td>
                    <td>{event.actorName ?? "system"}</td>
                    <td>{ACTION_LABELS[event.action] ?? event.action}</td>
                    <td>
                      <span className="muted small">{event.entity.replace("_", " ")} </span>
                      {href ? (
                        <a href={href}>
                          <InlineMarkdown text={labelOf(event)} plain />
                        </a>
                      ) : (
                        labelOf(event)
                      )}
                    </td>
                    <td>
                      {changes.length === 0 ? (
                        <span className="muted small">no field changed</span>
                      ) : (
                        <details>
                          <summary>
                            {changes.length === 1
                              ? `1 field: ${changes[0]?.field}`
                              : `${changes.length} fields`}
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
                                  <td className="diff-before">{showValue(change.before)}</td>
                                  <td className="diff-after">{showValue(change.after)}</td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </details>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {list.length >= limit && (
        <button type="button" onClick={() => setLimit((n) => Math.min(1000, n + 100))}>
          Show older
        </button>
      )}
    </section>
  );
}
