/** Admins: who may sign in. Disable (sessions end, tokens stop), enable again, or delete. */
import { useState } from "react";
import { api, getList } from "../../api/client";
import type { User } from "../../api/types";
import { Dialog } from "../../components/dialog";
import { ErrorText } from "../../components/field";
import { formatDateTime } from "../../format";
import { useLoad } from "../../use-load";
import { useAction } from "./use-action";

export function UserAccessSection({ selfId }: { selfId: string }) {
  const users = useLoad(() => getList<User>("/users", "users"), []);
  const action = useAction();
  const error = action.error;
  const [deleting, setDeleting] = useState<User>();
  const [notice, setNotice] = useState<string>();

  async function run(change: () => Promise<unknown>) {
    setNotice(undefined);
    await action.run(change);
    users.reload();
  }

  return (
    <section id="access" className="card" aria-labelledby="access-heading">
      <h2 id="access-heading" tabIndex={-1}>
        Sign-in access
      </h2>
      <p className="muted">
        Disabling signs the user out everywhere and stops their API tokens at once; enabling brings
        the tokens back. Deleting keeps their name on their check-ins and in the audit log.
      </p>
      <div className="table-wrap">
        <table className="data-table stacked-table" aria-label="Sign-in access">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((u) => (
              <tr key={u.id}>
                <td data-label="User">
                  {u.name} <span className="muted">{u.email}</span>
                </td>
                <td data-label="Status">
                  {u.disabledAt ? `Disabled ${formatDateTime(u.disabledAt)}` : "Active"}
                </td>
                <td className="row-actions">
                  {u.id === selfId ? (
                    <span className="muted">you</span>
                  ) : (
                    <>
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`${u.disabledAt ? "Enable" : "Disable"} ${u.name}`}
                        onClick={() =>
                          void run(() =>
                            api.post(`/users/${u.id}/${u.disabledAt ? "enable" : "disable"}`),
                          )
                        }
                      >
                        {u.disabledAt ? "Enable" : "Disable"}
                      </button>
                      {!u.disabledAt && (
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Sign ${u.name} out everywhere`}
                          onClick={() =>
                            void run(async () => {
                              const answer = await api.delete<{ endedSessions: number }>(
                                `/users/${u.id}/sessions`,
                              );
                              setNotice(
                                `${u.name} was signed out of ${answer.endedSessions} session${
                                  answer.endedSessions === 1 ? "" : "s"
                                }.`,
                              );
                            })
                          }
                        >
                          Sign out everywhere
                        </button>
                      )}
                      <button
                        type="button"
                        className="link-button danger"
                        aria-label={`Delete ${u.name}`}
                        onClick={() => setDeleting(u)}
                      >
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {notice && (
        <p role="status" className="success">
          {notice}
        </p>
      )}
      <ErrorText error={error ?? users.error} />
      {deleting && (
        <Dialog title={`Delete ${deleting.name}?`} onClose={() => setDeleting(undefined)}>
          <p>
            {deleting.email} can no longer sign in; their sessions and API tokens are deleted. Their
            name stays on their check-ins and in the audit log.
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setDeleting(undefined)}>
              Cancel
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                const user = deleting;
                setDeleting(undefined);
                void run(() => api.delete(`/users/${user.id}`));
              }}
            >
              Delete user
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
