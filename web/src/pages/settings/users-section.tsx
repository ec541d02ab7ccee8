/** Users and roles: role, insider, the person a user is, and adding a user. */
import { useState } from "react";
import { api, getList } from "../../api/client";
import type { Person, Role, User } from "../../api/types";
import { ErrorText, TextField } from "../../components/field";
import { useLoad } from "../../use-load";
import { useAction } from "./use-action";

const ROLES: Role[] = ["admin", "editor", "viewer"];

export function UsersSection({ peopleVersion }: { peopleVersion: number }) {
  const users = useLoad(() => getList<User>("/users", "users"), []);
  const people = useLoad(() => getList<Person>("/people", "people"), [peopleVersion]);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const [insider, setInsider] = useState(false);
  const action = useAction();
  const error = action.error;
  const run = (change: () => Promise<unknown>) =>
    action.run(async () => {
      await change();
      users.reload();
    });

  return (
    <section id="users" className="card" aria-labelledby="users-heading">
      <h2 id="users-heading" tabIndex={-1}>
        Users and roles
      </h2>
      <ErrorText error={users.error ?? error} />
      <div className="table-wrap">
        <table className="data-table stacked-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Insider</th>
              <th scope="col">Is person (for My OKRs)</th>
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((u) => (
              <tr key={u.id}>
                <td data-label="Name">{u.name}</td>
                <td data-label="Email">{u.email}</td>
                <td data-label="Role">
                  <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                    Role of {u.name}
                  </label>
                  <select
                    id={`role-${u.id}`}
                    value={u.role}
                    onChange={(e) =>
                      void run(() => api.patch(`/users/${u.id}`, { role: e.target.value }))
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td data-label="Insider">
                  <input
                    type="checkbox"
                    aria-label={`${u.name} sees confidential values`}
                    checked={u.insider}
                    onChange={(e) =>
                      void run(() => api.patch(`/users/${u.id}`, { insider: e.target.checked }))
                    }
                  />
                </td>
                <td data-label="Is person (for My OKRs)">
                  <label className="visually-hidden" htmlFor={`person-${u.id}`}>
                    Person {u.name} is
                  </label>
                  <select
                    id={`person-${u.id}`}
                    value={u.personId ?? ""}
                    onChange={(e) =>
                      void run(() =>
                        api.patch(`/users/${u.id}`, { personId: e.target.value || null }),
                      )
                    }
                  >
                    <option value="">—</option>
                    {(people.data ?? []).map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          // A blank password is no password: the server answers that one is required.
          const body = { email, name, role, insider, password: password || undefined };
          void run(() => api.post("/users", body)).then((ok) => {
            if (ok) {
              setEmail("");
              setName("");
              setPassword("");
            }
          });
        }}
      >
        <TextField label="Name" required value={name} onChange={(e) => setName(e.target.value)} />
        <TextField
          label="Email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint="At least 8 characters; tell it to the new user."
        />
        <div className="field">
          <label htmlFor="new-user-role">Role</label>
          <select id="new-user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={insider} onChange={(e) => setInsider(e.target.checked)} />
          Insider
        </label>
        <button type="submit">Add user</button>
      </form>
    </section>
  );
}
