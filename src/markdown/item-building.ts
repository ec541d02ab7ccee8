/**
 * Item building: the objective or key result a line makes, from where it sits (under a
 * heading objective, in a table, nested in a list) and what it says.
 */
import type { DocumentItem } from "../core/document.js";
import { documentLinksOf, findLinks } from "./inline-text.js";
import { MAX_TITLE_LENGTH } from "./limits.js";
import { keyResultPieces, keyResultTitles, type LineParts, parseLine } from "./line-grammar.js";
import { applyMarks, readLineMarks } from "./line-marks.js";
import type { LineNode } from "./list-lines.js";
import type { TableRow } from "./okr-table.js";
import { type OutcomeReading, readMeasured, readOutcome, splitOutcomeList } from "./outcome.js";
import { PageState } from "./page-state.js";
import { type PropertyLine, propertyOf } from "./property-lines.js";
import { measuredRow } from "./table-measure.js";

export const OBJECTIVE_HEADING =
  /^(?:(?:sub-?)?objective\s*#?\d*\s*[:.)–—-]|(?:O\d+(?:\.\d+)*|goal\s*#?\d*)\s+[–—-])\s*(.+)$/i;

export abstract class ItemBuilder extends PageState {
  /** Rows of a key result table: objectives (from their column, or the heading above) and KRs. */
  protected onTable(rows: readonly TableRow[]): void {
    let objective: DocumentItem | null = null;
    let name: string | null = null;
    for (const row of rows) {
      if (row.objective !== null && row.objective !== name) {
        name = row.objective;
        const [item] = this.build(
          { text: row.objective, line: row.line, children: [], list: 0 },
          null,
          true,
        );
        objective = item ?? null;
        if (item !== undefined) {
          if (this.headingObjective !== null) this.headingObjective.children.push(item);
          else this.items.push(item);
        }
      }
      if (row.keyResult === null) continue;
      const parent = objective ?? this.headingObjective;
      const measured = measuredRow(row.start, row.target, row.current, row.keyResult);
      // A row's outcome is its Progress cell; without one, its Current cell.
      const outcome = row.outcome ?? row.current;
      const owner = row.owner ?? parent?.owner ?? null;
      const kr = this.makeItem("key_result", owner, row.keyResult, null, row.line);
      if (measured === null) this.setOutcome(kr, outcome);
      else this.setOutcome(kr, outcome, readMeasured(outcome, measured));
      if (parent !== null) parent.children.push(kr);
      else this.items.push(kr);
    }
    this.okrSection = true;
  }

  /**
   * The property lines under a heading's item: its owner where the heading names none, and
   * its outcome (Progress), or its value (Current) of the measure the properties or the title
   * state, where the heading gives no outcome.
   */
  protected applyProperties(item: DocumentItem, properties: readonly PropertyLine[]): void {
    const owner = propertyOf(properties, "owner");
    if (owner !== null && item.owner === null) item.owner = owner;
    if (item.outcome !== null) return;
    const outcome = propertyOf(properties, "outcome") ?? propertyOf(properties, "status");
    const current = propertyOf(properties, "current");
    const text = outcome ?? current;
    const measured =
      item.kind === "key_result"
        ? measuredRow(
            propertyOf(properties, "start"),
            propertyOf(properties, "target"),
            current,
            item.title,
          )
        : null;
    if (measured !== null) this.setOutcome(item, text, readMeasured(text, measured));
    else if (text !== null) this.setOutcome(item, text);
  }

  /** A heading of `level` ends the heading objectives at that level and below. */
  protected closeHeadings(level: number): void {
    while ((this.headingStack[this.headingStack.length - 1]?.level ?? 0) >= level) {
      this.headingStack.pop();
    }
  }

  protected startHeadingObjective(text: string, line: number, level?: number): void {
    const stripped = OBJECTIVE_HEADING.exec(text)?.[1] ?? text;
    const [item] = this.build({ text: stripped, line, children: [], list: 0 }, null, true);
    if (item === undefined) return;
    if (level === undefined) {
      this.headingStack = [];
      this.items.push(item);
    } else {
      this.closeHeadings(level);
      const parent = this.headingStack[this.headingStack.length - 1]?.item;
      if (parent !== undefined) parent.children.push(item);
      else this.items.push(item);
      this.headingStack.push({ level, item });
    }
    this.headingObjective = item;
    this.afterHeading = item;
    this.okrSection = true;
  }

  /** Builds the item(s) of one line and, recursively, of the lines under it. */
  protected build(node: LineNode, parent: DocumentItem | null, heading: boolean): DocumentItem[] {
    const marks = readLineMarks(node.text);
    const marked = marks.owner !== null || marks.checked !== null || marks.priority !== null;
    const items = this.buildLine(
      { ...node, text: marks.text },
      parent,
      heading,
      marks.owner,
      marked,
    );
    for (const item of items) applyMarks(item, marks);
    return items;
  }

  protected buildLine(
    node: LineNode,
    parent: DocumentItem | null,
    heading: boolean,
    markedOwner: string | null,
    marked = false,
  ): DocumentItem[] {
    const parts = parseLine(node.text);
    const hasChildren = node.children.length > 0;
    const owner = parts.owner ?? markedOwner ?? parent?.owner ?? null;
    // A line with a task box, priority or owner mark is an item, never an owner heading.
    const ownerOnly = marked ? null : parts.ownerOnly;
    const ownerOnlyWords = ownerOnly?.split(/\s+/).length ?? 99;
    if (
      parts.grouping ||
      (ownerOnly !== null && !heading && (hasChildren ? ownerOnlyWords <= 6 : ownerOnlyWords <= 2))
    ) {
      const item = this.makeItem("objective", parts.owner ?? ownerOnly, "", null, node.line);
      if (parts.ownerUrl !== null) item.ownerUrl = parts.ownerUrl;
      if (!hasChildren) {
        this.problem(
          node.line,
          "warning",
          "owner_without_okrs",
          `"${item.owner ?? ""}" stands alone with no OKRs under it.`,
        );
      }
      this.buildChildren(node, item, item);
      return [item];
    }
    // "Key results:" alone above its list: a label, not an item; its lines hang where it does.
    if ((parts.krMarker || parts.objectiveMarker) && isBareLabel(parts) && hasChildren) {
      const hung: DocumentItem[] = [];
      for (const child of node.children) hung.push(...this.build(child, parent, false));
      return hung;
    }
    let item: DocumentItem;
    if (parts.krMarker) {
      item = this.makeItem("key_result", owner, parts.body, parts.outcome, node.line);
    } else if (parts.bold || parts.objectiveMarker || parts.krPart !== null || heading) {
      item = this.makeItem("objective", owner, parts.title, null, node.line);
      this.addKeyResults(item, parts, node.line);
    } else {
      const kind = hasChildren || parent?.kind !== "objective" ? "objective" : "key_result";
      item = this.makeItem(kind, owner, parts.title, parts.outcome, node.line);
    }
    if (parts.ownerUrl !== null) item.ownerUrl = parts.ownerUrl;
    this.buildChildren(node, item, item);
    return [item];
  }

  /** The items of the lines under `node`, hung under `parent`, added to `into`'s children. */
  private buildChildren(node: LineNode, parent: DocumentItem, into: DocumentItem): void {
    for (const child of node.children) {
      for (const built of this.build(child, parent, false)) into.children.push(built);
    }
  }

  /** The key results of a one-line OKR, with `=> a, b, c` handed out one per KR. */
  protected addKeyResults(objective: DocumentItem, parts: LineParts, line: number): void {
    const outcome = parts.outcome;
    if (parts.krPart === null) {
      this.setOutcome(objective, outcome);
      return;
    }
    let titles = keyResultTitles(parts.krPart, parts.krList);
    const list = outcome === null ? null : splitOutcomeList(outcome);
    let outcomes: Array<string | null> = titles.map(() => null);
    if (list !== null) {
      if (titles.length !== list.length) {
        const pieces = keyResultPieces(parts.krPart);
        if (pieces.length === list.length) titles = pieces;
      }
      if (titles.length === list.length) {
        outcomes = list;
      } else {
        // Kept on the objective; lint reports the mismatch.
        this.setOutcome(objective, outcome);
      }
    } else if (titles.length === 1) {
      outcomes = [outcome];
    } else {
      this.setOutcome(objective, outcome);
    }
    titles.forEach((title, index) => {
      objective.children.push(
        this.makeItem("key_result", objective.owner, title, outcomes[index] ?? null, line),
      );
    });
  }

  protected setOutcome(
    item: DocumentItem,
    outcome: string | null,
    reading: OutcomeReading = readOutcome(outcome, item.title),
  ): void {
    item.outcome = outcome;
    item.progress = reading.progress;
    item.status = reading.status;
    if (reading.measured !== undefined) {
      item.measure = reading.measured.measure;
      item.value = reading.measured.value;
    }
    item.links = documentLinksOf(
      outcome === null ? item.title : `${item.title} ${outcome}`,
      this.resolved,
    );
  }

  protected makeItem(
    kind: DocumentItem["kind"],
    owner: string | null,
    title: string,
    outcome: string | null,
    line: number,
  ): DocumentItem {
    const item: DocumentItem = {
      kind,
      owner,
      title,
      outcome: null,
      progress: null,
      status: null,
      links: [],
      line,
      children: [],
    };
    this.setOutcome(item, outcome);
    if (isConfidential(title)) item.confidential = true;
    if (title.length > MAX_TITLE_LENGTH) {
      this.problem(
        line,
        "error",
        "title_too_long",
        `The title is ${title.length.toLocaleString("en")} characters long; the limit is ${MAX_TITLE_LENGTH.toLocaleString("en")}.`,
      );
    }
    return item;
  }
}

/** A line that is only a label (`Key results:`), with no owner, title or outcome. */
function isBareLabel(parts: LineParts): boolean {
  return parts.owner === null && parts.body === "" && parts.outcome === null;
}

/** A value hidden behind a reference: `[*$N<sub>0</sub>*][N0]`. */
export function isConfidential(title: string): boolean {
  if (!title.includes("][")) return false;
  return findLinks(title, {}).some(
    (link) => link.ref !== null && /N<sub>\d+<\/sub>|^[*_]*\$?N\d+[*_]*$/.test(link.text),
  );
}
