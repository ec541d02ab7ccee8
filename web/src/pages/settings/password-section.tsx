/** Settings: change my password (the same form as My account). */
import { PasswordForm } from "../../components/password-form";

export function PasswordSection() {
  return (
    <section id="password" className="card" aria-labelledby="password-heading">
      <h2 id="password-heading" tabIndex={-1}>
        Password
      </h2>
      <PasswordForm />
    </section>
  );
}
