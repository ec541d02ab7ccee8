/** One objective: its roll-up explained, its key results and aligned objectives, editing. */
import { api } from "../api/client";
import { fetchPeriodTree } from "../api/tree";
import {
  type Objective,
  type RollUp,
  STATUS_LABELS,
  type Status,
  type TreeNode,
} from "../api/types";
import {
  HealthBadge,
  LockMarker,
  OwnerPrefix,
  ProgressBar,
  StatusBadge,
} from "../components/badges";
import { ClosedNotice, isClosed } from "../components/closed-notice";
import { CommentThread } from "../components/comment-thread";
import { ErrorText } from "../components/field";
import { InlineMarkdown } from "../components/inline-markdown";
import { ItemActions } from "../components/item-actions";
import { type FieldSpec, ItemEditor } from "../components/item-editor";
import { LinksEditor } from "../components/links-editor";
import { formatOwner, formatPercent, formatScore } from "../format";
import { hrefOf } from "../router";
import { canEdit, useShowPeriod, useWorkspace } from "../session";
import { isKeyResult, scoreOf } from "../tree-model";
import { useLoad } from "../use-load";
import { hrefOfNode } from "./period/virtual-tree";

export const OBJECTIVE_FIELDS: FieldSpec[] = [
  { key: "title", label: "Title", type: "text", hint: "Inline Markdown links are kept." },
  { key: "owner", label: "Owner", type: "owner" },
  {
    key: "weight",
    label: "Weight",
    type: "number",
    hint: "Relative weight in the parent's score; 0 excludes it.",
  },
  {
    key: "status",
    label: "Status",
    type: "select",
    nullable: true,
    options: (Object.keys(STATUS_LABELS) as Status[]).map((s) => [s, STATUS_LABELS[s]]),
  },
  { key: "outcome", label: "Outcome note", type: "textarea" },
  {
    key: "confidential",
    label: "Confidential (only insiders see this objective)",
    type: "checkbox",
  },
];

function findNode(nodes: TreeNode[], id: string): TreeNode | undefined {
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findNode(node.children, id);
    if (found) return found;
  }
  return undefined;
}

function childrenOf(node: TreeNode | undefined): TreeNode[] {
  if (!node) return [];
  return node.children;
}

export function ObjectivePage({ id }: { id: string }) {
  const workspace = useWorkspace();
  const objective = useLoad(() => api.get<Objective>(`/objectives/${id}`), [id]);
  const periodId = objective.data?.periodId;
  const tree = useLoad(
    () => (periodId ? fetchPeriodTree(periodId) : Promise.resolve(undefined)),
    [periodId, objective.data?.version],
  );
  // What makes up the score, asked for when the page opens and again after every change.
  const explained = useLoad(
    () => api.get<RollUp>(`/objectives/${id}/roll-up`),
    [id, objective.data?.version, tree.data],
  );
  useShowPeriod(periodId);
  if (objective.error) return <ErrorText error={objective.error} />;
  if (!objective.data) return <p className="page-status">Loading…</p>;
  const item = objective.data;
  const node = findNode(tree.data?.nodes ?? [], id);
  const score = node && !isKeyResult(node) ? (node.rollUp?.score ?? null) : null;
  const rollUp = explained.data;
  const children = childrenOf(node);
  const period = workspace.periods.find((p) => p.id === item.periodId);
  const editable = canEdit(workspace.user) && !isClosed(period);
  const parentId = item.parentObjectiveId ?? item.parentKeyResultId;
  const parent = parentId ? findNode(tree.data?.nodes ?? [], parentId) : undefined;

  return (
    <article className="item-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        {period && <a href={hrefOf(`/periods/${period.id}`)}>{period.label}</a>}
        {parent && (
          <>
            {" › "}
            <a href={hrefOfNode(parent)}>
              <InlineMarkdown text={parent.title} plain />
            </a>
          </>
        )}
      </nav>
      <header className="item-head">
        <p className="eyebrow">Objective · {formatOwner(item.owner)}</p>
        <h1>
          <InlineMarkdown text={item.title} /> {item.confidential && <LockMarker />}
        </h1>
        <div className="head-figures">
          <ProgressBar progress={rollUp?.score ?? score} label="Score" />
          <StatusBadge status={item.status} />
          {item.outcome && (
            <span className="outcome">
              ⇒ <InlineMarkdown text={item.outcome} />
            </span>
          )}
        </div>
      </header>
      <ClosedNotice period={period} />

      <section className="card" aria-labelledby="score-heading">
        <h2 id="score-heading">
          {(rollUp?.score ?? score) == null
            ? "Not scored yet"
            : `Score ${formatScore(rollUp?.score ?? score)}`}
        </h2>
        {rollUp ? (
          <>
            <p className="explanation">{rollUp.explanation}</p>
            {rollUp.capped && (
              <p className="muted">
                Over-achievement is capped inside the roll-up, not on the item.
              </p>
            )}
            {rollUp.contributions.length > 0 && (
              <div className="table-wrap">
                <table className="data-table">
                  <caption className="visually-hidden">What makes up the score</caption>
                  <thead>
                    <tr>
                      <th scope="col">Contribution</th>
                      <th scope="col">Weight</th>
                      <th scope="col">Share</th>
                      <th scope="col">Progress</th>
                      <th scope="col">Counted</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rollUp.contributions.map((c) => (
                      <tr key={c.id}>
                        <td>
                          <a href={hrefOfNode(c)}>
                            <InlineMarkdown text={c.title} plain />
                          </a>
                        </td>
                        <td>{c.weight}</td>
                        <td>{formatPercent(c.share)}</td>
                        <td>{formatPercent(c.progress)}</td>
                        <td>{formatPercent(c.counted)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        ) : explained.error ? (
          <ErrorText error={explained.error} />
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>

      <section className="card" aria-labelledby="children-heading">
        <div className="section-head">
          <h2 id="children-heading">Key results and aligned objectives</h2>
          {editable && (
            <div className="actions">
              <a className="button" href={hrefOf(`/key-results/new?objectiveId=${item.id}`)}>
                Add key result
              </a>
              <a
                className="button"
                href={hrefOf(
                  `/objectives/new?periodId=${item.periodId}&parentObjectiveId=${item.id}`,
                )}
              >
                Add aligned objective
              </a>
            </div>
          )}
        </div>
        {children.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <ul className="child-list">
            {children.map((child) => (
              <li key={child.id}>
                <span className={`kind-tag ${child.type === "key_result" ? "kr" : "objective"}`}>
                  {child.type === "key_result" ? "KR" : "O"}
                </span>
                <a href={hrefOfNode(child)}>
                  <OwnerPrefix owner={child.owner} />
                  <InlineMarkdown text={child.title} plain />
                </a>
                <span className="row-figures">
                  <ProgressBar
                    progress={scoreOf(child)}
                    health={isKeyResult(child) ? child.health : undefined}
                  />
                  {isKeyResult(child) && <HealthBadge health={child.health} />}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <CommentThread segment="objectives" itemId={item.id} />

      <section className="card" aria-labelledby="links-heading">
        <h2 id="links-heading">Links</h2>
        <LinksEditor item={item} editable={editable} onChanged={objective.reload} />
      </section>

      {editable && (
        <section className="card" aria-labelledby="edit-heading">
          <h2 id="edit-heading">Edit</h2>
          <ItemEditor
            item={item}
            path={`/objectives/${item.id}`}
            fields={OBJECTIVE_FIELDS}
            onSaved={(updated) => objective.setData(updated)}
          />
          <h3>Move, carry over, archive</h3>
          <ItemActions key={item.id} item={item} onChanged={objective.reload} />
        </section>
      )}
    </article>
  );
}
