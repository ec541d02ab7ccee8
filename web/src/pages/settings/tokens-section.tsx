/** The user's own API tokens: made (the secret shown once), listed and revoked. */
import { type FormEvent, useState } from "react";
import { api, getList, messageOf } from "../../api/client";
import type { ApiToken } from "../../api/types";
import { ErrorText, TextField } from "../../components/field";
import { formatDate, formatDateTime } from "../../format";
import { useLoad } from "../../use-load";
import { useAction } from "./use-action";

export function TokensSection() {
  const tokens = useLoad(
    () => getList<ApiToken & { revokedAt?: string | null }>("/tokens", "tokens"),
    [],
  );
  const [name, setName] = useState("");
  const [secret, setSecret] = useState<string>();
  const { error, setError, run } = useAction();

  async function create(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      const answer = await api.post<{ secret: string }>("/tokens", { name });
      setSecret(answer.secret);
      setName("");
      tokens.reload();
    });
  }

  return (
    <section id="tokens" className="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading" tabIndex={-1}>
        API tokens
      </h2>
      <p className="muted">
        For scripts: send <code>Authorization: Bearer okr_…</code>. A token's secret is shown once,
        when it is made.
      </p>
      {secret && (
        <div className="secret" role="status">
          <p>
            <strong>Copy this token now; it will not be shown again.</strong>
          </p>
          <label htmlFor="token-secret" className="visually-hidden">
            New token secret
          </label>
          <input
            id="token-secret"
            className="mono"
            readOnly
            value={secret}
            onFocus={(e) => e.target.select()}
          />
        </div>
      )}
      <ul className="plain-list">
        {(tokens.data ?? [])
          .filter((t) => !t.revokedAt)
          .map((t) => (
            <li key={t.id}>
              <strong>{t.name}</strong> · made {formatDate(t.createdAt)} · last used{" "}
              {formatDateTime(t.lastUsedAt)}
              <button
                type="button"
                className="link-button"
                aria-label={`Revoke token ${t.name}`}
                onClick={() =>
                  void api
                    .delete(`/tokens/${t.id}`)
                    .then(tokens.reload, (err) => setError(messageOf(err)))
                }
              >
                Revoke
              </button>
            </li>
          ))}
      </ul>
      <form className="inline-form" onSubmit={create}>
        <TextField
          label="Token name"
          required
          placeholder="CI reporter"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit">Create token</button>
      </form>
      <ErrorText error={error ?? tokens.error} />
    </section>
  );
}
