import { api, getList } from "../../api/client";
import type { SessionSummary } from "../../api/types";
import { ErrorText } from "../../components/field";
import { formatDateTime } from "../../format";
import { useLoad } from "../../use-load";
import { useAction } from "./use-action";

export function SessionsSection({ onSignedOut }: { onSignedOut: () => void }) {
  const sessions = useLoad(() => getList<SessionSummary>("/sessions", "sessions"), []);
  const { error, run } = useAction();

  async function end(session: SessionSummary) {
    await run(async () => {
      await api.delete(`/sessions/${encodeURIComponent(session.id)}`);
      if (session.current) onSignedOut();
      else sessions.reload();
    });
  }

  return (
    <section id="sessions" className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" tabIndex={-1}>
        Signed-in devices
      </h2>
      <p className="muted">
        Every browser signed in to your account. Sign out one you do not recognise; it is signed out
        at once.
      </p>
      <div className="table-wrap">
        <table className="data-table" aria-label="Signed-in devices">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last seen</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(sessions.data ?? []).map((s) => (
              <tr key={s.id}>
                <td title={s.userAgent ?? undefined}>
                  {s.device}
                  {s.current && (
                    <>
                      {" "}
                      <span className="badge">this device</span>
                    </>
                  )}
                </td>
                <td>{formatDateTime(s.createdAt)}</td>
                <td>{formatDateTime(s.lastSeenAt)}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Sign out ${s.device}${s.current ? " (this device)" : ""}`}
                    onClick={() => void end(s)}
                  >
                    Sign out
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorText error={error ?? sessions.error} />
    </section>
  );
}
