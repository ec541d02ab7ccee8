/** Admins: invite someone by address; the mail's link lets them choose their password. */
import { type FormEvent, useState } from "react";
import type { InviteAnswer } from "../../../../src/contract/rhythm.js";
import { api } from "../../api/client";
import { ErrorText, TextField } from "../../components/field";
import { formatDateTime } from "../../format";
import { useAction } from "./use-action";

export function InviteSection({ onInvited }: { onInvited: () => void }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState("viewer");
  const [invite, setInvite] = useState<InviteAnswer>();
  const { error, run } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setInvite(undefined);
    await run(async () => {
      setInvite(await api.post<InviteAnswer>("/invites", { email, name, role }));
      setEmail("");
      setName("");
      onInvited();
    });
  }

  return (
    <section id="invite" className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading" tabIndex={-1}>
        Invite
      </h2>
      <form className="inline-form" onSubmit={submit}>
        <TextField
          label="Their email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Their name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="viewer">Viewer</option>
            <option value="editor">Editor</option>
            <option value="admin">Admin</option>
          </select>
        </div>
        <button type="submit" className="primary">
          Send invite
        </button>
      </form>
      <ErrorText error={error} />
      {invite && (
        <div role="status">
          {invite.mailed ? (
            <p>
              Invited {invite.user.email}; the link in their mail works once, until{" "}
              {formatDateTime(invite.expiresAt)}.
            </p>
          ) : (
            <>
              <p>
                Mail is off, so pass this link to {invite.user.email} yourself (it works once, until{" "}
                {formatDateTime(invite.expiresAt)}):
              </p>
              <input aria-label="Invite link" className="mono" readOnly value={invite.link ?? ""} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
