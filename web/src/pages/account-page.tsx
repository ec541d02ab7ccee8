/** My account: who I am, and a new password (I prove the current one). */
import { type FormEvent, useState } from "react";
import { ApiError, api, messageOf } from "../api/client";
import { ErrorText, TextField } from "../components/field";
import { useWorkspace } from "../session";

export function AccountPage() {
  const { user } = useWorkspace();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setDone(false);
    if (next !== repeat) {
      setError("The new password and its repetition differ; type the same password twice.");
      return;
    }
    setBusy(true);
    try {
      await api.put("/me/password", { currentPassword: current, newPassword: next });
      setDone(true);
      setCurrent("");
      setNext("");
      setRepeat("");
    } catch (err) {
      const wrongCurrent =
        err instanceof ApiError &&
        Array.isArray(err.details) &&
        err.details.some((d: { path?: unknown }) => d.path === "currentPassword");
      setError(
        wrongCurrent ? "The current password is wrong; nothing was changed." : messageOf(err),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="narrow account-page">
      <h1>My account</h1>
      <dl className="facts card">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Role</dt>
        <dd>
          {user.role}
          {user.insider && user.role !== "admin" ? ", insider" : ""}
        </dd>
      </dl>
      <form className="card" onSubmit={submit} aria-labelledby="password-heading" noValidate>
        <h2 id="password-heading">Change my password</h2>
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          hint="At least 8 characters. Your other sessions are signed out; this one stays."
        />
        <TextField
          label="New password again"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
        />
        <ErrorText error={error} />
        {done && (
          <p className="success" role="status">
            Your password is changed.
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Changing…" : "Change password"}
          </button>
        </div>
      </form>
    </section>
  );
}
