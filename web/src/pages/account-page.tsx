/** My account: who I am, a new password (I prove the current one), and how notifications reach me. */
import { PasswordForm } from "../components/password-form";
import { useWorkspace } from "../session";
import { NotificationsSection } from "./account/notifications-section";

export function AccountPage() {
  const { user } = useWorkspace();
  return (
    <section className="narrow account-page">
      <h1>My account</h1>
      <dl className="facts card">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Role</dt>
        <dd>
          {user.role}
          {user.insider && user.role !== "admin" ? ", insider" : ""}
        </dd>
      </dl>
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Change my password</h2>
        <PasswordForm />
      </section>
      <NotificationsSection />
    </section>
  );
}
