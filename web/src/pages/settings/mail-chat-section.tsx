/**
 * Admins: whether mail is on and how its sends fare (last error), the company's default
 * reminder cadence, and each team's chat webhook with "send a test message".
 */
import { type FormEvent, useEffect, useState } from "react";
import type {
  ChatWebhookAnswer,
  MailStateAnswer,
  ReminderPreferenceAnswer,
} from "../../../../src/contract/rhythm.js";
import { api, getList } from "../../api/client";
import type { Team } from "../../api/types";
import { ErrorText, TextField } from "../../components/field";
import { formatDateTime } from "../../format";
import { useLoad } from "../../use-load";
import { ChannelDefaults } from "./channel-defaults";
import { ReminderFields } from "./reminder-fields";
import { useAction } from "./use-action";

const PROVIDERS = [
  ["slack", "Slack"],
  ["mattermost", "Mattermost"],
  ["teams", "Microsoft Teams"],
] as const;

/** `teamsVersion`: bumped when teams change elsewhere on the page, so a new team is offered. */
export function MailChatSection({ teamsVersion }: { teamsVersion: number }) {
  const state = useLoad(() => api.get<MailStateAnswer>("/mail"), []);
  const fallback = useLoad(() => api.get<ReminderPreferenceAnswer>("/reminders/default"), []);
  const hooks = useLoad(() => getList<ChatWebhookAnswer>("/chat-webhooks", "webhooks"), []);
  const teams = useLoad(() => getList<Team>("/teams", "teams"), [teamsVersion]);
  const [draft, setDraft] = useState<ReminderPreferenceAnswer>();
  const [teamId, setTeamId] = useState("");
  const [provider, setProvider] = useState<string>("slack");
  const [url, setUrl] = useState("");
  const [status, setStatus] = useState<string>();
  const { error, run } = useAction();

  useEffect(() => {
    if (fallback.data) setDraft(fallback.data);
  }, [fallback.data]);

  async function saveDefault(event: FormEvent) {
    event.preventDefault();
    setStatus(undefined);
    if (await run(() => api.put("/reminders/default", draft))) setStatus("Default saved.");
  }

  async function addHook(event: FormEvent) {
    event.preventDefault();
    setStatus(undefined);
    if (await run(() => api.post("/chat-webhooks", { teamId, provider, url }))) {
      setUrl("");
      hooks.reload();
    }
  }

  async function test(hook: ChatWebhookAnswer) {
    setStatus(undefined);
    if (await run(() => api.post(`/chat-webhooks/${hook.id}/test`))) {
      setStatus(`Test message posted to ${hook.host}.`);
    }
  }

  const teamName = (id: string) => teams.data?.find((t) => t.id === id)?.name ?? id;
  return (
    <section id="mail-chat" className="card" aria-labelledby="mail-chat-heading">
      <h2 id="mail-chat-heading" tabIndex={-1}>
        Mail &amp; chat
      </h2>
      {state.data && (
        <p className="muted">
          {state.data.mail
            ? `Mail is on; links point to ${state.data.publicUrl}.`
            : "Mail is off: set OKR_SMTP_URL (and OKR_MAIL_FROM) for the server. Nothing is sent until then."}
        </p>
      )}
      {state.data && state.data.jobs.length > 0 && (
        <ul className="plain-list" aria-label="Sends">
          {state.data.jobs.map((job) => (
            <li key={job.kind}>
              <strong>{job.kind}</strong>: {job.pending} waiting, {job.failed} failed
              {job.lastSuccessAt ? `; last sent ${formatDateTime(job.lastSuccessAt)}` : ""}
              {job.lastError && (
                <span className="error">
                  {" "}
                  — last error {formatDateTime(job.lastErrorAt)}: {job.lastError}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {draft && (
        <form onSubmit={saveDefault}>
          <ReminderFields value={draft} onChange={setDraft} label="Company default reminders" />
          <button type="submit">Save the default</button>
        </form>
      )}
      <ChannelDefaults />
      <h3>Team chat webhooks</h3>
      <ul className="plain-list">
        {(hooks.data ?? []).map((hook) => (
          <li key={hook.id}>
            <strong>{teamName(hook.teamId)}</strong> · {hook.provider} · {hook.host}{" "}
            <button type="button" className="link-button" onClick={() => void test(hook)}>
              Send a test message
            </button>
            <button
              type="button"
              className="link-button"
              aria-label={`Remove the ${hook.provider} webhook of ${teamName(hook.teamId)}`}
              onClick={() =>
                void run(() => api.delete(`/chat-webhooks/${hook.id}`)).then(hooks.reload)
              }
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={addHook}>
        <div className="field">
          <label htmlFor="hook-team">Team</label>
          <select
            id="hook-team"
            required
            value={teamId}
            onChange={(e) => setTeamId(e.target.value)}
          >
            <option value="">Choose a team</option>
            {(teams.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="hook-provider">Chat</label>
          <select id="hook-provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
            {PROVIDERS.map(([v, text]) => (
              <option key={v} value={v}>
                {text}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label="Incoming webhook URL"
          type="url"
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <button type="submit">Add webhook</button>
      </form>
      <ErrorText error={error} />
      {status && <p role="status">{status}</p>}
    </section>
  );
}
