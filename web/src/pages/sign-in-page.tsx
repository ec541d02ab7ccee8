/** Sign in with email and password, or with the single sign-on provider when one is set up. */
import { type FormEvent, useEffect, useRef, useState } from "react";
import { signOnProblemMessage } from "../../../src/core/sign-on-problems.js";
import { api, messageOf, setCsrfToken } from "../api/client";
import type { SessionInfo, SignInMethods } from "../api/types";
import { ErrorText, TextField } from "../components/field";
import { ForgotPasswordForm } from "./account-link-pages";

/** A single sign-on that came back refused says why in the address (`?sso_error=code`). */
function takeSignOnProblem(): string | undefined {
  const params = new URLSearchParams(window.location.search);
  const code = params.get("sso_error");
  if (code === null) return undefined;
  // Said once: a reload or a bookmark does not repeat it.
  window.history.replaceState(null, "", `${window.location.pathname}${window.location.hash}`);
  return signOnProblemMessage(code) ?? "Single sign-on did not finish; try again.";
}

export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const [signOnError] = useState(takeSignOnProblem);
  const [busy, setBusy] = useState(false);
  const [methods, setMethods] = useState<SignInMethods>();
  const [forgot, setForgot] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const refocus = useRef(false);

  useEffect(() => {
    api
      .get<SignInMethods>("/auth/methods")
      .then(setMethods)
      .catch(() => setMethods({ password: true, oidc: null }));
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await api.post<SessionInfo>("/session", { email, password });
      setCsrfToken(session.csrfToken);
      onSignedIn();
    } catch (err) {
      setError(messageOf(err));
      refocus.current = true;
    } finally {
      setBusy(false);
    }
  }

  // A refused sign-in leaves focus on the password, ready to type it again.
  useEffect(() => {
    if (busy || !refocus.current) return;
    refocus.current = false;
    const field = form.current?.querySelector<HTMLInputElement>('input[type="password"]');
    field?.focus();
    field?.select();
  }, [busy]);

  if (forgot) {
    return (
      <main className="auth-page" id="main">
        <ForgotPasswordForm onBack={() => setForgot(false)} />
      </main>
    );
  }

  return (
    <main className="auth-page" id="main">
      <form className="card auth-card" onSubmit={submit} ref={form}>
        <h1>Sign in to OKR</h1>
        {signOnError && (
          <p role="alert" className="error">
            {signOnError}
          </p>
        )}
        {methods?.oidc && (
          <a className="button primary sign-on" href={methods.oidc.startUrl}>
            Sign in with {methods.oidc.name}
          </a>
        )}
        {methods?.password !== false && (
          <>
            {methods?.oidc && <p className="muted divider">or with your password</p>}
            <TextField
              label="Email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <TextField
              label="Password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <ErrorText error={error} />
            <button type="submit" className={methods?.oidc ? "" : "primary"} disabled={busy}>
              {busy ? "Signing in…" : "Sign in"}
            </button>
            <button type="button" className="link-button" onClick={() => setForgot(true)}>
              Forgot password?
            </button>
          </>
        )}
      </form>
    </main>
  );
}
