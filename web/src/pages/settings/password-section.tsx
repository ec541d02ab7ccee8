/** Change my password: my other devices are signed out; my API tokens can be revoked too. */
import { type FormEvent, useState } from "react";
import { api, getList, messageOf } from "../../api/client";
import type { TokenWithOwner } from "../../api/types";
import { ErrorText, TextField } from "../../components/field";
import { useLoad } from "../../use-load";

export function PasswordSection() {
  const tokens = useLoad(() => getList<TokenWithOwner>("/tokens", "tokens"), []);
  const activeTokens = (tokens.data ?? []).filter((t) => !t.revokedAt).length;
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [revokeTokens, setRevokeTokens] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    setBusy(true);
    try {
      const answer = await api.post<{ endedSessions: number; revokedTokens: number }>(
        "/session/password",
        { currentPassword: current, newPassword: next, revokeTokens },
      );
      setCurrent("");
      setNext("");
      setRevokeTokens(false);
      tokens.reload();
      setDone(
        `Password changed. ${plural(answer.endedSessions, "other device")} signed out` +
          (revokeTokens ? `; ${plural(answer.revokedTokens, "API token")} revoked.` : "."),
      );
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section id="password" className="card" aria-labelledby="password-heading">
      <h2 id="password-heading" tabIndex={-1}>
        Password
      </h2>
      <form className="inline-form" onSubmit={submit}>
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={revokeTokens}
            onChange={(e) => setRevokeTokens(e.target.checked)}
          />
          Also revoke my API tokens ({activeTokens} active)
        </label>
        <button type="submit" disabled={busy}>
          Change password
        </button>
      </form>
      <p className="muted">Your other devices are signed out when the password changes.</p>
      {done && (
        <p role="status" className="success">
          {done}
        </p>
      )}
      <ErrorText error={error} />
    </section>
  );
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}
