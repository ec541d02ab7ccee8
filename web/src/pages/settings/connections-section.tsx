/**
 * Connections that sources of progress read through (GitLab, GitHub, Prometheus, JSON
 * endpoints): listed with their last success and last error for everyone who attaches
 * sources; added (token and webhook secret stored encrypted, never shown again), changed and
 * removed by admins.
 */
import { type FormEvent, useState } from "react";
import type { ConnectionAnswer } from "../../../../src/contract/sources.js";
import { api, getList } from "../../api/client";
import { ErrorText, TextField } from "../../components/field";
import { formatDateTime } from "../../format";
import { useLoad } from "../../use-load";
import { ConnectionEditForm } from "./connection-edit-form";
import { useAction } from "./use-action";

const KINDS: [ConnectionAnswer["kind"], string][] = [
  ["gitlab", "GitLab"],
  ["github", "GitHub"],
  ["prometheus", "Prometheus"],
  ["http", "JSON endpoint"],
];

const EMPTY = {
  name: "",
  kind: "gitlab",
  baseUrl: "",
  token: "",
  webhookSecret: "",
  authHeader: "",
};

const FIELDS = ["name", "baseUrl", "token", "webhookSecret", "authHeader"];

export function ConnectionsSection({ editable }: { editable: boolean }) {
  const connections = useLoad(() => getList<ConnectionAnswer>("/connections", "connections"), []);
  const [form, setForm] = useState(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const { error, errorOf, formRef, run } = useAction(FIELDS);
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });

  async function add(event: FormEvent) {
    event.preventDefault();
    const ok = await run(() =>
      api.post("/connections", {
        name: form.name,
        kind: form.kind,
        baseUrl: form.baseUrl,
        ...(form.token ? { token: form.token } : {}),
        ...(form.webhookSecret ? { webhookSecret: form.webhookSecret } : {}),
        ...(form.authHeader ? { authHeader: form.authHeader } : {}),
      }),
    );
    if (ok) {
      setForm(EMPTY);
      connections.reload();
    }
  }

  async function remove(c: ConnectionAnswer) {
    await run(() => api.delete(`/connections/${c.id}`));
    connections.reload();
  }

  return (
    <section id="connections" className="card" aria-labelledby="connections-heading">
      <h2 id="connections-heading" tabIndex={-1}>
        Connections
      </h2>
      <p className="muted">
        Key results and KPIs read their sources through these. Webhooks in: point GitLab at{" "}
        <code>/api/hooks/gitlab</code> (secret token = the webhook secret) and GitHub at{" "}
        <code>/api/hooks/github</code> (content type JSON, same secret).
      </p>
      <div className="table-wrap">
        <table className="data-table stacked-table" aria-label="Connections">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Base URL</th>
              <th scope="col">Sources</th>
              <th scope="col">Last success</th>
              <th scope="col">Last error</th>
              {editable && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {(connections.data ?? []).map((c) => (
              <tr key={c.id}>
                <td data-label="Name">
                  {c.name}
                  {c.hasToken ? "" : " (no token)"}
                </td>
                <td data-label="Kind">{c.kind}</td>
                <td data-label="Base URL">
                  <code>{c.baseUrl}</code>
                </td>
                <td data-label="Sources">
                  {c.sources}
                  {c.failingSources > 0 ? ` (${c.failingSources} failing)` : ""}
                </td>
                <td data-label="Last success">{formatDateTime(c.lastSuccessAt)}</td>
                <td data-label="Last error" className={c.lastError ? "error" : undefined}>
                  {c.lastError ? `${c.lastError} (${formatDateTime(c.lastErrorAt)})` : "—"}
                </td>
                {editable && (
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Edit connection ${c.name}`}
                      onClick={() => setEditing(c.id)}
                    >
                      Edit
                    </button>{" "}
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Remove connection ${c.name}`}
                      onClick={() => void remove(c)}
                    >
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {connections.data?.length === 0 && <p className="muted">No connections yet.</p>}
      {editable &&
        (connections.data ?? [])
          .filter((c) => c.id === editing)
          .map((c) => (
            <ConnectionEditForm
              key={c.id}
              connection={c}
              onDone={(saved) => {
                setEditing(null);
                if (saved) connections.reload();
              }}
            />
          ))}
      {editable && editing === null && (
        <form ref={formRef} className="stack" aria-label="Add a connection" onSubmit={add}>
          <TextField
            label="Connection name"
            required
            value={form.name}
            error={errorOf("name")}
            onChange={set("name")}
          />
          <div className="field">
            <label htmlFor="connection-kind">Kind</label>
            <select id="connection-kind" value={form.kind} onChange={set("kind")}>
              {KINDS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <TextField
            label="Base URL"
            required
            hint="https://gitlab.example.com, https://api.github.com, http://prometheus:9090"
            value={form.baseUrl}
            error={errorOf("baseUrl")}
            onChange={set("baseUrl")}
          />
          <TextField
            label="Token"
            type="password"
            autoComplete="off"
            hint="Stored encrypted; never shown again"
            value={form.token}
            error={errorOf("token")}
            onChange={set("token")}
          />
          <TextField
            label="Webhook secret"
            type="password"
            autoComplete="off"
            hint="GitLab and GitHub: the secret their webhooks send"
            value={form.webhookSecret}
            error={errorOf("webhookSecret")}
            onChange={set("webhookSecret")}
          />
          {form.kind === "http" && (
            <TextField
              label="Token header"
              hint="Default Authorization"
              value={form.authHeader}
              error={errorOf("authHeader")}
              onChange={set("authHeader")}
            />
          )}
          <div className="actions">
            <button type="submit">Add connection</button>
          </div>
        </form>
      )}
      <ErrorText error={error ?? connections.error} />
    </section>
  );
}
