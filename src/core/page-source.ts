/**
 * What a period remembers of the handbook page it was imported from: the page's text and,
 * per item, the line it came from and the fields as that import stored them. An export
 * compares the database with these fields and rewrites only the lines whose data changed.
 */
import type { Status } from "./types.js";

/** The fields of an item that a page's line spells out. */
export interface LineFields {
  owner: string | null;
  title: string;
  outcome: string | null;
  progress: number | null;
  status: Status | null;
  /** A key result's current value, where it has one: an outcome that gave a value says it. */
  value?: number;
}

/** What a key result's line says of where it stands: its outcome, progress and value. */
export type LineFigure = Pick<LineFields, "outcome" | "progress" | "value">;

export interface PageSourceItem extends LineFields {
  id: string;
  kind: "objective" | "key_result";
  /** 1-based line of the item in the page. */
  line: number;
  /** The item it hangs under (objective or key result), null at the top. */
  parentId: string | null;
  /**
   * What the line said before the app wrote a newer figure over it (`okr sync`, `okr export
   * --in-place`), oldest first: a page saying one of them again is older than the app.
   */
  earlier?: LineFigure[];
}

export interface PageSource {
  periodId: string;
  text: string;
  items: PageSourceItem[];
  /** For a page holding several quarters, the line of this quarter's heading; else 0. */
  sectionLine: number;
  recordedAt: string;
}
