/**
 * Change my password, the one form for it (My account and Settings): I prove the current one,
 * my other devices are signed out, and my API tokens can be revoked too.
 */
import { type FormEvent, useState } from "react";
import type { PasswordChangedAnswer } from "../../../src/contract/answers.js";
import { ApiError, api, getList, messageOf } from "../api/client";
import type { TokenWithOwner } from "../api/types";
import { useLoad } from "../use-load";
import { ErrorText, TextField } from "./field";

export function PasswordForm() {
  const tokens = useLoad(() => getList<TokenWithOwner>("/tokens", "tokens"), []);
  const activeTokens = (tokens.data ?? []).filter((t) => !t.revokedAt).length;
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [revokeTokens, setRevokeTokens] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    if (next !== repeat) {
      setError("The new password and its repetition differ; type the same password twice.");
      return;
    }
    setBusy(true);
    try {
      const answer = await api.put<PasswordChangedAnswer>("/me/password", {
        currentPassword: current,
        newPassword: next,
        revokeTokens,
      });
      setCurrent("");
      setNext("");
      setRepeat("");
      setRevokeTokens(false);
      tokens.reload();
      setDone(
        `Password changed. ${plural(answer.endedSessions, "other device")} signed out` +
          (revokeTokens ? `; ${plural(answer.revokedTokens, "API token")} revoked.` : "."),
      );
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
    <form className="password-form" onSubmit={submit} noValidate>
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
        hint="At least 8 characters. Your other devices are signed out; this one stays."
      />
      <TextField
        label="New password again"
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={revokeTokens}
          onChange={(e) => setRevokeTokens(e.target.checked)}
        />
        Also revoke my API tokens ({activeTokens} active)
      </label>
      <ErrorText error={error} />
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Changing…" : "Change password"}
        </button>
      </div>
    </form>
  );
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}
