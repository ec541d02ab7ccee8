/** The weekly digest in a team's chat: the team's objectives with their scores, and what is at risk. */
import { buildTree, forEachObjectiveNode } from "../core/tree.js";
import type { Id } from "../core/types.js";
import { findChatWebhook, listChatWebhooks } from "../store/rhythm-links.repository.js";
import { type ChatMessage, postChatMessage, QUOTE_FOR_JOBS } from "./chat.js";
import type { AppDeps } from "./deps.js";
import { rhythmOf } from "./mail.js";
import { loadRhythmWorld } from "./rhythm-world.js";
import { loadSettings } from "./settings.js";

export interface ChatDigestJob {
  key: string;
  webhookId: Id;
}

/** One job per team webhook and week. */
export async function planChatDigests(deps: AppDeps, slot: Date): Promise<ChatDigestJob[]> {
  return (await listChatWebhooks(deps.db)).map((hook) => ({
    key: `chat-digest:${hook.id}:${slot.toISOString()}`,
    webhookId: hook.id,
  }));
}

/** The team's message: each objective it owns (itself or through its people) with its score. */
export async function chatDigestOf(deps: AppDeps, teamId: Id): Promise<ChatMessage> {
  const world = await loadRhythmWorld(deps.db);
  const settings = await loadSettings(deps.db);
  const team = world.teams.find((t) => t.id === teamId);
  const lines: string[] = [];
  for (const period of world.periods) {
    const objectives = world.objectives.filter((o) => o.periodId === period.id);
    const krs = world.keyResults.filter((k) => k.periodId === period.id);
    forEachObjectiveNode(buildTree(objectives, krs, settings), (node) => {
      if (!world.directory.ownedByTeam(node.objective.owner, teamId)) return;
      const score = node.rollUp.score === null ? "–" : `${Math.round(node.rollUp.score * 100)}%`;
      const risky = node.keyResults.filter((k) => k.keyResult.health === "at_risk").length;
      lines.push(
        `• ${node.objective.title} (${period.label}): ${score}${risky > 0 ? `, ${risky} at risk` : ""}`,
      );
    });
  }
  return {
    title: `Weekly OKR digest: ${team?.name ?? "team"}`,
    lines: lines.length > 0 ? lines : ["No objectives of this team in the open periods."],
    link: { text: "Open okr", url: rhythmOf(deps).publicUrl },
  };
}

/** Posts one team's digest (the job's payload); a refusal throws, so the job is retried. */
export async function postChatDigest(deps: AppDeps, payload: unknown): Promise<void> {
  const job = payload as Partial<ChatDigestJob> | null;
  if (!job || typeof job.webhookId !== "string") throw new Error("The job names no webhook");
  const hook = await findChatWebhook(deps.db, job.webhookId);
  if (!hook) return; // removed since: nothing to post
  await postChatMessage(hook, await chatDigestOf(deps, hook.teamId), QUOTE_FOR_JOBS);
}
