/** Links on objectives and key results (issues, epics, dashboards, documents): add and remove. */
import { isOkrError } from "../core/errors.js";
import type { Id, Link } from "../core/types.js";
import { notFound, withTransaction } from "../store/db.js";
import { deleteLink, getLink, insertLink } from "../store/links.repository.js";
import { recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { assertMayWrite, getVisibleItem, loadForWrite } from "./items.js";
import { IdSchema, LinkInputSchema } from "./schemas.js";

/** Adds a link to an objective or key result (the id says which). */
export async function addLink(
  deps: AppDeps,
  actor: Actor,
  itemId: Id,
  input: unknown,
): Promise<Link> {
  const data = parseInput(LinkInputSchema, input);
  return withTransaction(deps.db, async (trx) => {
    const { item } = await loadForWrite(trx, actor, parseInput(IdSchema, itemId), "add links");
    const target = item.type === "objective" ? { objectiveId: item.id } : { keyResultId: item.id };
    const link = await insertLink(trx, target, {
      id: deps.newId(),
      ...data,
      periodId: item.periodId,
    });
    await recordAudit(trx, deps, actor, {
      action: "create",
      entity: "link",
      entityId: link.id,
      before: null,
      after: { ...link, itemId: item.id },
    });
    return link;
  });
}

/** Removes a link; the actor must be allowed to edit the item it hangs on. */
export async function removeLink(deps: AppDeps, actor: Actor, linkId: Id): Promise<void> {
  const id = parseInput(IdSchema, linkId);
  await withTransaction(deps.db, async (trx) => {
    const link = await getLink(trx, id);
    const itemId = (link.objectiveId ?? link.keyResultId) as Id;
    // A link on an item hidden from the actor is as missing as the item.
    const found = await getVisibleItem(trx, actor, itemId).catch((error: unknown) => {
      throw isOkrError(error) && error.code === "not_found" ? notFound("Link", id) : error;
    });
    await assertMayWrite(trx, actor, found, "remove links");
    await deleteLink(trx, id);
    await recordAudit(trx, deps, actor, {
      action: "delete",
      entity: "link",
      entityId: id,
      before: { id: link.id, kind: link.kind, text: link.text, url: link.url, itemId },
      after: null,
    });
  });
}
