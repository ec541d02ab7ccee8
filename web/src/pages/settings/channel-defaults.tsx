/** Admins: the company's default channel per kind of notification (in the app only, or email). */
import { type FormEvent, useEffect, useId, useState } from "react";
import type { CompanyChannelsAnswer } from "../../../../src/contract/notification-channels.js";
import { api } from "../../api/client";
import { ErrorText } from "../../components/field";
import { useLoad } from "../../use-load";
import { useAction } from "./use-action";

const KINDS: [keyof CompanyChannelsAnswer, string][] = [
  ["mention", "Mentions"],
  ["reply", "Replies"],
  ["change", "Changes to what people own or follow"],
  ["reminder", "Check-in reminders"],
  ["digest", "The weekly digest"],
];

export function ChannelDefaults() {
  const loaded = useLoad(
    () => api.get<CompanyChannelsAnswer>("/notification-channels/default"),
    [],
  );
  const [draft, setDraft] = useState<CompanyChannelsAnswer>();
  const [saved, setSaved] = useState(false);
  const { error, run } = useAction();
  const id = useId();

  useEffect(() => {
    if (loaded.data) setDraft(loaded.data);
  }, [loaded.data]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (await run(() => api.put("/notification-channels/default", draft))) setSaved(true);
  }

  if (!draft) return <ErrorText error={loaded.error} />;
  return (
    <form onSubmit={(e) => void save(e)} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Company default notifications</h3>
      <p className="muted">
        What reaches people who did not choose for themselves (My account ▸ Notifications). The bell
        always has everything; chat is each person's own choice.
      </p>
      {KINDS.map(([kind, name]) => (
        <div className="field" key={kind}>
          <label htmlFor={`${id}-${kind}`}>{name}</label>
          <select
            id={`${id}-${kind}`}
            value={draft[kind] === "email" ? "email" : "in-app"}
            onChange={(e) =>
              setDraft({ ...draft, [kind]: e.target.value as CompanyChannelsAnswer[typeof kind] })
            }
          >
            <option value="in-app">In the app only</option>
            <option value="email">Email</option>
          </select>
        </div>
      ))}
      <ErrorText error={error} />
      {saved && <p role="status">Default notifications saved.</p>}
      <button type="submit">Save the default notifications</button>
    </form>
  );
}
