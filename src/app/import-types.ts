/** What an import is asked to do and what it answers: options, changes, preview, result. */
import type { OkrDocument, Problem } from "../core/document.js";
import type { FiscalCalendar, Id } from "../core/types.js";
import type { PeriodSection } from "../markdown/period-sections.js";
import type { OwnerMap, OwnerMatch } from "./import-owners.js";
import type { ImportPreviewPeriod } from "./import-period.js";
import type { OutcomeConflict } from "./import-since-page.js";

export type { ImportPreviewPeriod };

export interface ImportOptions {
  /** Import into this period instead of the one the page names. */
  periodId?: Id;
  /** Import into the period with this label (created when missing) instead of the page's. */
  periodLabel?: string;
  /** `md` (default, unless the text is a JSON object) or `json` (a canonical document). */
  format?: "md" | "json";
  /** The fiscal calendar to read the page in; default: the workspace's. */
  calendar?: FiscalCalendar;
  /** Page owner name -> `team:NAME`, `person:NAME` or `role`; unmapped names stay as written. */
  ownerMap?: OwnerMap;
  /** Attach every unmapped name that is exactly a person's or team's name. Default false. */
  attachMatchingOwners?: boolean;
  /** Import as a closed (historical) period: no check-ins, no stale warnings. Default false. */
  closed?: boolean;
  /** One quarter of a page holding several (`findPeriodSections`). */
  section?: PeriodSection;
  /**
   * Apply a page line that takes back a key result's check-ins it does not know (its outcome
   * removed, or an older figure); without it such a line stops the import (decisions/0065).
   */
  force?: boolean;
}

export type ImportAction = "create" | "update" | "unchanged" | "skip";

export interface ImportChange {
  action: ImportAction;
  entity: "period" | "objective" | "key_result" | "retrospective";
  /** Line in the page (0 when not from a line). */
  line: number;
  /** What a person reads: "CRO: Build strong FY21 pipeline." */
  label: string;
  /** For updates: the fields that change. */
  fields?: string[];
}

export interface ImportPreview {
  document: OkrDocument;
  problems: Problem[];
  changes: ImportChange[];
  /** Null when the page holds no OKRs. */
  period: ImportPreviewPeriod | null;
  owners: OwnerMatch[];
  /** Lines that take back check-ins the page does not know; none when forced (decisions/0065). */
  takenBack: OutcomeConflict[];
}

export interface ImportResult {
  periodId: Id;
  /** Objectives, key results and team retrospectives created, updated, left as they were. */
  created: number;
  updated: number;
  unchanged: number;
  /** The period was created by this import. */
  periodCreated: boolean;
  /** The period is closed after the import (imported as closed, or closed before). */
  closed: boolean;
  /** A plain sentence when the page's label named a period with other dates; else empty. */
  notice: string;
  problems: Problem[];
}
