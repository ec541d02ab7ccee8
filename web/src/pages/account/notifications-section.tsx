/**
 * My account ▸ Notifications: for each kind (mentions, replies, changes, reminders, the digest)
 * in the app only, by email or in my own chat, over the company default; my chat's incoming
 * webhook with "send a test message". The bell always shows everything.
 */
import { type FormEvent, useEffect, useId, useState } from "react";
import type {
  MyChannelKindAnswer,
  MyChannelsAnswer,
} from "../../../../src/contract/notification-channels.js";
import { api } from "../../api/client";
import { ErrorText, TextField } from "../../components/field";
import { useLoad } from "../../use-load";
import { useAction } from "../settings/use-action";

type Channel = MyChannelKindAnswer["effective"];
type Choice = Channel | "default";

const CHANNEL_NAMES: Record<Channel, string> = {
  "in-app": "In the app only",
  email: "Email",
  chat: "Chat",
};

const PROVIDERS = [
  ["slack", "Slack"],
  ["mattermost", "Mattermost"],
  ["teams", "Microsoft Teams"],
] as const;

export function NotificationsSection() {
  const mine = useLoad(() => api.get<MyChannelsAnswer>("/me/notification-channels"), []);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [provider, setProvider] = useState<string>("slack");
  const [url, setUrl] = useState("");
  const [status, setStatus] = useState<string>();
  const { error, run } = useAction();
  const providerId = useId();

  useEffect(() => {
    if (mine.data) {
      setChoices(Object.fromEntries(mine.data.kinds.map((k) => [k.kind, k.own ?? "default"])));
      if (mine.data.chat) setProvider(mine.data.chat.provider);
    }
  }, [mine.data]);

  const data = mine.data;
  const hasChat = Boolean(data?.chat) || url.trim() !== "";

  async function save(event: FormEvent) {
    event.preventDefault();
    setStatus(undefined);
    const channels = Object.fromEntries(
      Object.entries(choices).map(([kind, choice]) => [kind, choice === "default" ? null : choice]),
    );
    const chat = url.trim() ? { chat: { provider, url: url.trim() } } : {};
    if (await run(() => api.put("/me/notification-channels", { channels, ...chat }))) {
      setUrl("");
      setStatus("Saved.");
      mine.reload();
    }
  }

  async function test() {
    setStatus(undefined);
    if (await run(() => api.post("/me/notification-channels/test"))) {
      setStatus(`Test message posted to ${data?.chat?.host}.`);
    }
  }

  async function removeChat() {
    setStatus(undefined);
    const channels = Object.fromEntries(
      Object.entries(choices).map(([kind, choice]) => [
        kind,
        choice === "chat" ? null : choice === "default" ? null : choice,
      ]),
    );
    if (await run(() => api.put("/me/notification-channels", { channels, chat: null }))) {
      setStatus("Chat webhook removed.");
      mine.reload();
    }
  }

  return (
    <section id="notifications" className="card" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Notifications</h2>
      <p className="muted">
        Everything shows under the bell. Choose what also reaches you by email
        {data ? ` (${data.email})` : ""} or in your own chat.
      </p>
      {data && !data.mail && (
        <p className="muted">
          Mail is off on this server: nothing goes out by email until it is on.
        </p>
      )}
      <ErrorText error={mine.error} />
      {data && (
        <form onSubmit={(e) => void save(e)} className="channel-form">
          <fieldset>
            <legend>How each reaches me</legend>
            {data.kinds.map((k) => (
              <ChannelChoice
                key={k.kind}
                kind={k}
                value={choices[k.kind] ?? "default"}
                hasChat={hasChat}
                unsubscribed={data.unsubscribed.includes(k.kind)}
                onChange={(choice) => setChoices((all) => ({ ...all, [k.kind]: choice }))}
              />
            ))}
          </fieldset>
          <fieldset>
            <legend>My chat</legend>
            <p className="muted">
              {data.chat
                ? `Posting to ${data.chat.provider} at ${data.chat.host}. Paste a new URL to change it.`
                : "Paste an incoming webhook URL from Slack, Mattermost or Microsoft Teams to get notifications there."}
            </p>
            <div className="inline-form">
              <div className="field">
                <label htmlFor={providerId}>Chat service</label>
                <select
                  id={providerId}
                  value={provider}
                  onChange={(e) => setProvider(e.target.value)}
                >
                  {PROVIDERS.map(([value, text]) => (
                    <option key={value} value={value}>
                      {text}
                    </option>
                  ))}
                </select>
              </div>
              <TextField
                label="My incoming webhook URL"
                type="url"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
              />
            </div>
            {data.chat && (
              <div className="button-row">
                <button type="button" className="link-button" onClick={() => void test()}>
                  Send a test message
                </button>
                <button type="button" className="link-button" onClick={() => void removeChat()}>
                  Remove my chat webhook
                </button>
              </div>
            )}
          </fieldset>
          <ErrorText error={error} />
          {status && <p role="status">{status}</p>}
          <button type="submit" className="primary">
            Save my notifications
          </button>
        </form>
      )}
    </section>
  );
}

function ChannelChoice({
  kind,
  value,
  hasChat,
  unsubscribed,
  onChange,
}: {
  kind: MyChannelKindAnswer;
  value: Choice;
  hasChat: boolean;
  unsubscribed: boolean;
  onChange: (choice: Choice) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{kind.name}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Choice)}>
        <option value="default">
          Company default ({CHANNEL_NAMES[kind.companyDefault].toLowerCase()})
        </option>
        <option value="in-app">{CHANNEL_NAMES["in-app"]}</option>
        <option value="email">{CHANNEL_NAMES.email}</option>
        <option value="chat" disabled={!hasChat && value !== "chat"}>
          {hasChat ? CHANNEL_NAMES.chat : "Chat (add your webhook below)"}
        </option>
      </select>
      {unsubscribed && (
        <span className="hint">
          You unsubscribed from these by mail; choosing Email again takes that back.
        </span>
      )}
    </div>
  );
}
