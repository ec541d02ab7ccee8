/** The weekly digest's mail: a table of scores with the chart beside it, then three lists. */

import { findPersonalChatWebhook } from "../store/notification-channels.repository.js";
import { postChatMessage, QUOTE_FOR_JOBS } from "./chat.js";
import type { AppDeps } from "./deps.js";
import { renderScoreChart } from "./digest-chart.js";
import type { DigestContent, DigestKeyResult } from "./digest-plan.js";
import { percent } from "./digest-plan.js";
import { escapeHtml, rhythmOf } from "./mail.js";
import { sendOnce } from "./mail-once.js";
import { notify } from "./notifications.js";

/** The change between the two percentages the line shows (66% → 68% is +2 points, not +1). */
function change(before: number | null, now: number | null): string {
  if (before === null || now === null) return "";
  const points = Math.round(now * 100) - Math.round(before * 100);
  if (points === 0) return " (no change)";
  return ` (${points > 0 ? "+" : ""}${points} point${Math.abs(points) === 1 ? "" : "s"})`;
}

function textList(title: string, items: DigestKeyResult[]): string {
  if (items.length === 0) return `${title}: none`;
  return `${title}:\n${items.map((k) => `- ${k.title}: ${k.detail}\n  ${k.link}`).join("\n")}`;
}

function htmlList(title: string, items: DigestKeyResult[]): string {
  const body =
    items.length === 0
      ? "<p>None.</p>"
      : `<ul>${items.map((k) => `<li><a href="${escapeHtml(k.link)}">${escapeHtml(k.title)}</a>: ${escapeHtml(k.detail)}</li>`).join("")}</ul>`;
  return `<h3>${escapeHtml(title)}</h3>${body}`;
}

/** The digest's subject, text, HTML and chart. */
export function digestMailOf(content: DigestContent) {
  const subject = `Weekly OKR digest: ${content.objectives.length} objective${content.objectives.length === 1 ? "" : "s"}, ${content.atRisk.length} at risk, ${content.stale.length} stale`;
  const scoreLines = content.objectives.map(
    (o) =>
      `- ${o.title} (${o.periodLabel}): ${percent(o.scoreNow)}${change(o.scoreWeekAgo, o.scoreNow)}\n  ${o.link}`,
  );
  const text = [
    `Hello ${content.name},`,
    `Your objectives this week:\n${scoreLines.join("\n")}`,
    textList("What moved", content.moved),
    textList("At risk", content.atRisk),
    textList("Stale", content.stale),
  ].join("\n\n");
  const rows = content.objectives
    .map(
      (o) =>
        `<tr><td><a href="${escapeHtml(o.link)}">${escapeHtml(o.title)}</a></td><td>${percent(o.scoreWeekAgo)}</td><td><b>${percent(o.scoreNow)}</b>${escapeHtml(change(o.scoreWeekAgo, o.scoreNow))}</td></tr>`,
    )
    .join("");
  const html = [
    `<p>Hello ${escapeHtml(content.name)},</p>`,
    `<table cellpadding="4"><tr><th align="left">Objective</th><th>A week ago</th><th>Now</th></tr>${rows}</table>`,
    `<p><img src="cid:scores" alt="Scores a week ago (grey) and now (colour)"></p>`,
    htmlList("What moved", content.moved),
    htmlList("At risk", content.atRisk),
    htmlList("Stale", content.stale),
  ].join("");
  const chart = renderScoreChart(
    content.objectives.map((o) => ({ before: o.scoreWeekAgo, now: o.scoreNow })),
  );
  return { subject, text, html, chart };
}

/** Sends one digest (the job's payload), once. */
export async function sendDigest(deps: AppDeps, payload: unknown): Promise<void> {
  const content = payload as DigestContent;
  if (!content || typeof content.key !== "string" || typeof content.email !== "string") {
    throw new Error("The job's payload is not a digest");
  }
  if (content.channel && content.channel !== "email") {
    await sendDigestElsewhere(deps, content);
    return;
  }
  const mail = digestMailOf(content);
  await sendOnce(deps, {
    key: content.key,
    to: content.email,
    kind: "digest",
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: [
      {
        cid: "scores",
        filename: "scores.png",
        content: mail.chart.toString("base64"),
        contentType: "image/png",
      },
    ],
  });
}

/** The digest in the bell only, or in the bell and the person's own chat. */
async function sendDigestElsewhere(deps: AppDeps, content: DigestContent): Promise<void> {
  const userIds = content.userIds ?? [];
  const { subject } = digestMailOf(content);
  if (content.channel === "chat" && userIds[0]) {
    const hook = await findPersonalChatWebhook(deps.db, userIds[0]);
    if (hook) {
      await postChatMessage(
        hook,
        {
          title: subject,
          lines: [
            ...content.objectives.map(
              (o) =>
                `• ${o.title} (${o.periodLabel}): ${percent(o.scoreNow)}${change(o.scoreWeekAgo, o.scoreNow)}`,
            ),
            ...content.atRisk.map((k) => `⚠ ${k.title}: ${k.detail}`),
          ],
          link: { text: "Open okr", url: rhythmOf(deps).publicUrl },
        },
        QUOTE_FOR_JOBS,
      );
    }
  }
  await notify(deps, { userIds, kind: "digest", title: subject, link: "/" });
}
