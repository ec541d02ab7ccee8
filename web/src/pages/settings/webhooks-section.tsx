/**
 * Webhooks out (admins): add one (its signing secret shown once), switch it on or off, ping it,
 * remove it, and read its delivery log (status, attempts, the answer) with redelivery by hand.
 */
import { type FormEvent, useEffect, useState } from "react";
import type {
  DeliveryListAnswer,
  WebhookAnswer,
  WebhookDeliveryAnswer,
  WebhookListAnswer,
  WebhookWithSecretAnswer,
} from "../../../../src/contract/webhooks.js";
import { WEBHOOK_EVENT_HELP, WEBHOOK_EVENTS } from "../../../../src/core/webhook-events.js";
import { api } from "../../api/client";
import { ErrorText, TextField } from "../../components/field";
import { formatDateTime } from "../../format";
import { useLoad } from "../../use-load";
import { useAction } from "./use-action";

const FIELDS = ["url", "description"];

export function WebhooksSection() {
  const hooks = useLoad(() => api.get<WebhookListAnswer>("/webhooks"), []);
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<string[]>([]);
  const [secret, setSecret] = useState<string>();
  const [open, setOpen] = useState<string>();
  const { error, errorOf, formRef, run } = useAction(FIELDS);

  async function add(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      const made = await api.post<WebhookWithSecretAnswer>("/webhooks", {
        url,
        description,
        events,
      });
      setSecret(made.secret);
      setUrl("");
      setDescription("");
      setEvents([]);
      setOpen(made.webhook.id);
      hooks.reload();
    });
  }

  return (
    <section id="webhooks" className="card" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading" tabIndex={-1}>
        Webhooks
      </h2>
      <p className="muted">
        okr POSTs signed JSON to these URLs when OKRs change: header{" "}
        <code>X-Okr-Signature: sha256=…</code> is the HMAC-SHA256 of{" "}
        <code>X-Okr-Timestamp + "." + body</code> under the webhook's secret;{" "}
        <code>X-Okr-Event-Id</code> is the same on every retry. Failed deliveries are retried for 24
        hours.
      </p>
      {secret && (
        <div className="secret" role="status">
          <p>
            <strong>Copy this signing secret now; it will not be shown again.</strong>
          </p>
          <label htmlFor="webhook-secret" className="visually-hidden">
            New webhook signing secret
          </label>
          <input
            id="webhook-secret"
            className="mono"
            readOnly
            value={secret}
            onFocus={(e) => e.target.select()}
          />
        </div>
      )}
      <ul className="plain-list webhook-list">
        {(hooks.data?.webhooks ?? []).map((hook) => (
          <WebhookRow
            key={hook.id}
            hook={hook}
            open={open === hook.id}
            onToggleLog={() => setOpen(open === hook.id ? undefined : hook.id)}
            onChanged={hooks.reload}
          />
        ))}
      </ul>
      <form ref={formRef} className="webhook-form" onSubmit={add}>
        <div className="field-row">
          <TextField
            label="Payload URL"
            required
            type="url"
            placeholder="https://hooks.example.com/okr"
            value={url}
            error={errorOf("url")}
            onChange={(e) => setUrl(e.target.value)}
          />
          <TextField
            label="Description"
            placeholder="Team chat"
            value={description}
            error={errorOf("description")}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <fieldset className="event-choices">
          <legend>Events (none ticked: every event)</legend>
          {WEBHOOK_EVENTS.map((name) => (
            <label key={name} className="checkbox" title={WEBHOOK_EVENT_HELP[name]}>
              <input
                type="checkbox"
                checked={events.includes(name)}
                onChange={(e) =>
                  setEvents((now) =>
                    e.target.checked ? [...now, name] : now.filter((n) => n !== name),
                  )
                }
              />{" "}
              {name}
            </label>
          ))}
        </fieldset>
        <button type="submit">Add webhook</button>
      </form>
      <ErrorText error={error ?? hooks.error} />
    </section>
  );
}

function WebhookRow({
  hook,
  open,
  onToggleLog,
  onChanged,
}: {
  hook: WebhookAnswer;
  open: boolean;
  onToggleLog: () => void;
  onChanged: () => void;
}) {
  const { error, run } = useAction();
  const [pinged, setPinged] = useState(0);
  return (
    <li className="webhook">
      <div className="webhook-head">
        <strong className="mono">{hook.url}</strong>
        <span className={`badge ${hook.active ? "status-done" : ""}`}>
          {hook.active ? "on" : "off"}
        </span>
        <span className="muted small">
          {hook.description ? `${hook.description} · ` : ""}
          {hook.events.length ? hook.events.join(", ") : "every event"} · secret {hook.secretHint}
        </span>
      </div>
      <div className="webhook-actions">
        <button type="button" className="link-button" onClick={onToggleLog} aria-expanded={open}>
          {open ? "Hide deliveries" : "Deliveries"}
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() =>
            void run(async () => {
              await api.post(`/webhooks/${hook.id}/ping`);
              setPinged((n) => n + 1);
              if (!open) onToggleLog();
            })
          }
        >
          Send a ping
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() =>
            void run(async () => {
              await api.patch(`/webhooks/${hook.id}`, { active: !hook.active });
              onChanged();
            })
          }
        >
          {hook.active ? "Switch off" : "Switch on"}
        </button>
        <button
          type="button"
          className="link-button danger"
          aria-label={`Remove webhook ${hook.url}`}
          onClick={() =>
            void run(async () => {
              await api.delete(`/webhooks/${hook.id}`);
              onChanged();
            })
          }
        >
          Remove
        </button>
      </div>
      <ErrorText error={error} />
      {open && <DeliveryLog webhookId={hook.id} refresh={pinged} />}
    </li>
  );
}

/**
 * The log, newest first. While it is open it is read again every 2 s (new events arrive, and
 * deliveries on their way finish), so what the receiver got shows without a reload.
 */
function DeliveryLog({ webhookId, refresh }: { webhookId: string; refresh: number }) {
  const log = useLoad(
    () => api.get<DeliveryListAnswer>(`/webhooks/${webhookId}/deliveries`),
    [webhookId, refresh],
  );
  const deliveries = log.data?.deliveries ?? [];
  const { reload } = log;
  useEffect(() => {
    const timer = setInterval(reload, 2_000);
    return () => clearInterval(timer);
  }, [reload]);
  const { error, run } = useAction();
  return (
    <div className="delivery-log">
      <h3>Deliveries</h3>
      {deliveries.length === 0 && !log.loading && <p className="muted">Nothing sent yet.</p>}
      <ol className="plain-list">
        {deliveries.map((d) => (
          <DeliveryRow
            key={d.id}
            delivery={d}
            onRedeliver={() =>
              void run(async () => {
                await api.post(`/webhook-deliveries/${d.id}/redeliver`);
                reload();
              })
            }
          />
        ))}
      </ol>
      <ErrorText error={error ?? log.error} />
    </div>
  );
}

function DeliveryRow({
  delivery: d,
  onRedeliver,
}: {
  delivery: WebhookDeliveryAnswer;
  onRedeliver: () => void;
}) {
  return (
    <li className="delivery" data-status={d.status}>
      <details>
        <summary>
          <span className={`badge delivery-${d.status}`}>{d.status}</span> <code>{d.event}</code> ·{" "}
          {formatDateTime(d.createdAt)} · {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
          {d.responseCode !== null && ` · answered ${d.responseCode}`}
          {d.error && <span className="muted"> · {d.error}</span>}
        </summary>
        <p className="muted small">
          Event {d.eventId}
          {d.redeliveryOf ? ` · redelivery of ${d.redeliveryOf}` : ""}
        </p>
        <pre className="delivery-body">{d.body}</pre>
        {d.responseExcerpt && (
          <>
            <p className="muted small">The receiver's answer:</p>
            <pre className="delivery-body">{d.responseExcerpt}</pre>
          </>
        )}
        <button type="button" className="link-button" onClick={onRedeliver}>
          Redeliver
        </button>
      </details>
    </li>
  );
}
