/** One objective on the alignment map: owner, score, health, its key results, a branch toggle. */
import { memo } from "react";
import type { GradingBand } from "../../../../src/core/types.js";
import type { Health } from "../../api/types";
import { HealthBadge } from "../../components/badges";
import { plainTextOf } from "../../components/inline-markdown";
import { bandOf, formatOwner, formatPercent, formatScore } from "../../format";
import type { MapCard as Card } from "../../map-layout";
import { hrefOfNode } from "../period/virtual-tree";
import type { Detail } from "./use-view";

const HEALTH_RANK: Record<Health, number> = { on_track: 0, needs_attention: 1, at_risk: 2 };

/** The card's health: the worst of its key results'. */
export function healthOfCard(card: Card): Health | null {
  let worst: Health | null = null;
  for (const kr of card.keyResults) {
    if (kr.health && (worst === null || HEALTH_RANK[kr.health] > HEALTH_RANK[worst]))
      worst = kr.health;
  }
  return worst;
}

export const MapCardView = memo(function MapCardView({
  card,
  detail,
  dimmed,
  carried,
  grading,
}: {
  card: Card;
  detail: Detail;
  dimmed: boolean;
  carried: boolean;
  grading: readonly GradingBand[];
}) {
  const { node } = card;
  const score = node.rollUp?.score ?? null;
  const title = plainTextOf(node.title);
  const owner = node.owner ? formatOwner(node.owner) : "";
  const health = healthOfCard(card);
  const label = [
    title,
    owner && `owner ${owner}`,
    `score ${formatScore(score)}`,
    card.alignedCount > 0 &&
      `${card.alignedCount} aligned${card.collapsed ? ", collapsed (Space expands)" : ""}`,
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <article
      className={`map-card${dimmed ? " dimmed" : ""}${detail === "full" ? "" : ` ${detail}`}${card.alignedCount > 0 ? " has-toggle" : ""}${carried ? " carried" : ""}`}
      data-card-id={node.id}
      data-drop-objective={node.id}
      data-band={bandOf(score, grading)}
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a card is a stop of the map's Tab order (Enter opens it)
      tabIndex={0}
      style={{ left: card.x, top: card.y, width: card.w, height: card.h }}
    >
      {detail !== "block" && (
        <div className="map-card-head">
          <a className="map-card-title" href={hrefOfNode(node)} tabIndex={-1} draggable={false}>
            {title}
          </a>
          <div className="map-card-meta">
            <span className="map-owner">{owner || "No owner"}</span>
            <span className="map-score" title="Score">
              {formatScore(score)}
            </span>
            {detail === "full" && <HealthBadge health={health} />}
          </div>
        </div>
      )}
      {detail === "full" && card.keyResults.length > 0 && (
        <ul className="map-krs" aria-label="Key results">
          {card.keyResults.map((kr) => (
            <li
              key={kr.id}
              data-drop-key-result={kr.id}
              data-band={kr.health ? HEALTH_BAND[kr.health] : bandOf(kr.progress, grading)}
            >
              <span className="map-kr-title">{plainTextOf(kr.title)}</span>
              <span className="map-kr-progress">{formatPercent(kr.progress)}</span>
            </li>
          ))}
        </ul>
      )}
      {card.alignedCount > 0 && detail !== "block" && (
        <button
          type="button"
          className="map-toggle"
          data-toggle={node.id}
          tabIndex={-1}
          aria-expanded={!card.collapsed}
          title={`${card.alignedCount} aligned beneath`}
          aria-label={`${card.collapsed ? "Expand" : "Collapse"} the ${card.alignedCount} aligned beneath ${title}`}
        >
          {card.collapsed ? `▸ ${card.alignedCount}` : "▾"}
        </button>
      )}
    </article>
  );
});

const HEALTH_BAND: Record<Health, "green" | "yellow" | "red"> = {
  on_track: "green",
  needs_attention: "yellow",
  at_risk: "red",
};
