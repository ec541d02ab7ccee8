/**
 * Changing a connection (admins): its name, base URL, token header, token and webhook secret.
 * Secrets are write-only: the fields start empty, and left empty they keep what is stored.
 */
import { type FormEvent, useState } from "react";
import type { ConnectionAnswer } from "../../../../src/contract/sources.js";
import { api } from "../../api/client";
import { ErrorText, TextField } from "../../components/field";
import { useAction } from "./use-action";

export function ConnectionEditForm({
  connection,
  onDone,
}: {
  connection: ConnectionAnswer;
  /** Called with true after a save, false on cancel. */
  onDone: (saved: boolean) => void;
}) {
  const [form, setForm] = useState({
    name: connection.name,
    baseUrl: connection.baseUrl,
    authHeader: connection.authHeader ?? "",
    token: "",
    webhookSecret: "",
  });
  const { error, run } = useAction();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });

  async function save(event: FormEvent) {
    event.preventDefault();
    const ok = await run(() =>
      api.patch(`/connections/${connection.id}`, {
        name: form.name,
        baseUrl: form.baseUrl,
        ...(connection.kind === "http" ? { authHeader: form.authHeader || null } : {}),
        ...(form.token ? { token: form.token } : {}),
        ...(form.webhookSecret ? { webhookSecret: form.webhookSecret } : {}),
      }),
    );
    if (ok) onDone(true);
  }

  return (
    <form className="stack" aria-label={`Edit connection ${connection.name}`} onSubmit={save}>
      <h3>Edit {connection.name}</h3>
      <TextField label="Connection name" required value={form.name} onChange={set("name")} />
      <TextField label="Base URL" required value={form.baseUrl} onChange={set("baseUrl")} />
      {connection.kind === "http" && (
        <TextField
          label="Token header"
          hint="Default Authorization"
          value={form.authHeader}
          onChange={set("authHeader")}
        />
      )}
      <TextField
        label="New token"
        type="password"
        autoComplete="off"
        hint={
          connection.hasToken
            ? "Leave empty to keep the stored token"
            : "None stored; leave empty for none"
        }
        value={form.token}
        onChange={set("token")}
      />
      {(connection.kind === "gitlab" || connection.kind === "github") && (
        <TextField
          label="New webhook secret"
          type="password"
          autoComplete="off"
          hint="Leave empty to keep the stored secret"
          value={form.webhookSecret}
          onChange={set("webhookSecret")}
        />
      )}
      <ErrorText error={error} />
      <div className="actions">
        <button type="submit">Save connection</button>
        <button type="button" className="link-button" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
