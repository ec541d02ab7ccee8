/**
 * Pages reached from a mail, signed in or not: choose a password (invite or reset link),
 * unsubscribe from one kind of mail, and the "forgot password" form of the sign-in page.
 */
import { type FormEvent, useState } from "react";
import type { UnsubscribedAnswer } from "../../../src/contract/rhythm.js";
import { api, messageOf } from "../api/client";
import { ErrorText, TextField } from "../components/field";
import { hrefOf, navigate } from "../router";

export function SetPasswordPage({ token }: { token: string }) {
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== again) {
      setError("The two passwords differ.");
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api.post<{ email: string }>("/password/set", { token, password });
      setDone(answer.email);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth-page" id="main">
      <form className="card auth-card" onSubmit={submit}>
        <h1>Choose your password</h1>
        {done ? (
          <>
            <p role="status">Your password is set for {done}. Sign in with it now.</p>
            <button type="button" className="primary" onClick={() => navigate("/")}>
              Go to sign-in
            </button>
          </>
        ) : (
          <>
            <TextField
              label="New password"
              type="password"
              autoComplete="new-password"
              minLength={8}
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              hint="At least 8 characters."
            />
            <TextField
              label="The same password again"
              type="password"
              autoComplete="new-password"
              required
              value={again}
              onChange={(e) => setAgain(e.target.value)}
            />
            <ErrorText error={error} />
            <button type="submit" className="primary" disabled={busy || token === ""}>
              {busy ? "Saving…" : "Set password"}
            </button>
          </>
        )}
      </form>
    </main>
  );
}

export function UnsubscribePage({ token }: { token: string }) {
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<UnsubscribedAnswer>();
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      setDone(
        await api.post<UnsubscribedAnswer>(`/unsubscribe?token=${encodeURIComponent(token)}`),
      );
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth-page" id="main">
      <div className="card auth-card">
        <h1>Unsubscribe</h1>
        {done ? (
          <p role="status">
            {done.email} gets no more {done.what}. Choose a cadence again in Settings to take it
            back.
          </p>
        ) : (
          <>
            <p>Stop this kind of mail for your address? Other kinds keep coming.</p>
            <ErrorText error={error} />
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void confirm()}
            >
              {busy ? "Unsubscribing…" : "Unsubscribe"}
            </button>
          </>
        )}
        <p>
          <a href={hrefOf("/")}>Open OKR</a>
        </p>
      </div>
    </main>
  );
}

export function ForgotPasswordForm({ onBack }: { onBack: () => void }) {
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setDone((await api.post<{ message: string }>("/password/forgot", { email })).message);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card auth-card" onSubmit={submit}>
      <h1>Forgot your password?</h1>
      {done ? (
        <p role="status">{done}</p>
      ) : (
        <>
          <p className="muted">We mail you a link to choose a new one.</p>
          <TextField
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <ErrorText error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Sending…" : "Send me a link"}
          </button>
        </>
      )}
      <button type="button" className="link-button" onClick={onBack}>
        Back to sign-in
      </button>
    </form>
  );
}
