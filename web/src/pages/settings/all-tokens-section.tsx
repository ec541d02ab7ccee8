import { api, getList } from "../../api/client";
import type { TokenWithOwner } from "../../api/types";
import { ErrorText } from "../../components/field";
import { formatDate, formatDateTime } from "../../format";
import { useLoad } from "../../use-load";
import { useAction } from "./use-action";

function stateOf(token: TokenWithOwner, now: string): "active" | "revoked" | "expired" {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt <= now) return "expired";
  return "active";
}

export function AllTokensSection() {
  const tokens = useLoad(() => getList<TokenWithOwner>("/admin/tokens", "tokens"), []);
  const { error, run } = useAction();
  const now = new Date().toISOString();

  async function revoke(token: TokenWithOwner) {
    await run(() => api.delete(`/tokens/${token.id}`));
    tokens.reload();
  }

  return (
    <section id="all-tokens" className="card" aria-labelledby="all-tokens-heading">
      <h2 id="all-tokens-heading" tabIndex={-1}>
        Everyone's API tokens
      </h2>
      <div className="table-wrap">
        <table className="data-table stacked-table" aria-label="Everyone's API tokens">
          <thead>
            <tr>
              <th scope="col">Token</th>
              <th scope="col">Whose</th>
              <th scope="col">Made</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(tokens.data ?? []).map((t) => {
              const state = stateOf(t, now);
              return (
                <tr key={t.id}>
                  <td data-label="Token">
                    {t.name} <code className="muted">{t.prefix}…</code>
                  </td>
                  <td data-label="Whose">{t.userName}</td>
                  <td data-label="Made">{formatDate(t.createdAt)}</td>
                  <td data-label="Last used">{formatDateTime(t.lastUsedAt)}</td>
                  <td data-label="State">{state}</td>
                  <td>
                    {state === "active" && (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Revoke ${t.userName}'s token ${t.name}`}
                        onClick={() => void revoke(t)}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {tokens.data?.length === 0 && <p className="muted">No tokens yet.</p>}
      <ErrorText error={error ?? tokens.error} />
    </section>
  );
}
