/** My settings: my check-in reminder cadence (or the company default), and what I unsubscribed from. */
import { type FormEvent, useEffect, useState } from "react";
import type {
  MyRemindersAnswer,
  ReminderPreferenceAnswer,
} from "../../../../src/contract/rhythm.js";
import { api } from "../../api/client";
import { ErrorText } from "../../components/field";
import { useLoad } from "../../use-load";
import { ReminderFields } from "./reminder-fields";
import { useAction } from "./use-action";

function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export function RemindersSection() {
  const mine = useLoad(() => api.get<MyRemindersAnswer>("/me/reminders"), []);
  const [draft, setDraft] = useState<ReminderPreferenceAnswer>();
  const [saved, setSaved] = useState(false);
  const { error, run } = useAction();

  useEffect(() => {
    if (mine.data) {
      setDraft(mine.data.own ?? { ...mine.data.companyDefault, timeZone: browserZone() });
    }
  }, [mine.data]);

  async function save(event: FormEvent, preference: ReminderPreferenceAnswer | null) {
    event.preventDefault();
    setSaved(false);
    if (await run(() => api.put("/me/reminders", { preference }))) {
      setSaved(true);
      mine.reload();
    }
  }

  const data = mine.data;
  return (
    <section id="reminders" className="card" aria-labelledby="reminders-heading">
      <h2 id="reminders-heading" tabIndex={-1}>
        Check-in reminders
      </h2>
      {data && !data.email && (
        <p className="muted">
          Reminders go to the email address of the person your account is; yours has none, or your
          account is not linked to a person.
        </p>
      )}
      {data && (
        <p className="muted">
          {data.own
            ? "You chose your own cadence."
            : "You follow the company default; choose your own below."}{" "}
          A reminder lists only the key results you own (yourself, through your team or your role)
          with no check-in within the cadence.
        </p>
      )}
      {data?.unsubscribed.includes("reminder") && (
        <p className="muted">You unsubscribed from reminders; saving a cadence takes that back.</p>
      )}
      {draft && (
        <form onSubmit={(e) => void save(e, draft)}>
          <ReminderFields value={draft} onChange={setDraft} label="My reminders" />
          <ErrorText error={error} />
          {saved && <p role="status">Saved.</p>}
          <button type="submit" className="primary">
            Save my reminders
          </button>{" "}
          {data?.own && (
            <button type="button" onClick={(e) => void save(e, null)}>
              Follow the company default
            </button>
          )}
        </form>
      )}
    </section>
  );
}
