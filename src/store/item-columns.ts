/** Columns objectives and key results share, and how they map to the domain. */
import type { IsoDateTime, Link, Owner, Status } from "../core/types.js";
import { boolOf, type FieldColumns, intOf } from "./db.js";
import type { KeyResultsTable, ObjectivesTable } from "./schema-items.js";

type ItemRow = ObjectivesTable | KeyResultsTable;

/** Fields every item accepts on insert and in a patch. */
export interface ItemFields {
  periodId: string;
  title: string;
  owner: Owner | null;
  weight: number;
  status: Status | null;
  outcome: string | null;
  position: number;
  archived: boolean;
  carriedFromId: string | null;
  carriedToId: string | null;
  updatedAt: IsoDateTime;
  /** The import's stable key for the line this item came from; not part of the domain type. */
  sourceKey?: string | null;
  sourceLine?: number | null;
}

export const ITEM_FIELD_COLUMNS: FieldColumns<ItemFields, ItemRow> = {
  periodId: (value) => ({ period_id: value }),
  title: (value) => ({ title: value }),
  owner: (value) => ({
    owner_kind: value?.kind ?? null,
    owner_id: value?.id ?? null,
    owner_name: value?.name ?? null,
  }),
  weight: (value) => ({ weight: value }),
  status: (value) => ({ status: value }),
  outcome: (value) => ({ outcome: value }),
  position: (value) => ({ position: value }),
  archived: (value) => ({ archived: intOf(value) }),
  carriedFromId: (value) => ({ carried_from_id: value }),
  carriedToId: (value) => ({ carried_to_id: value }),
  updatedAt: (value) => ({ updated_at: value }),
  sourceKey: (value) => ({ source_key: value }),
  sourceLine: (value) => ({ source_line: value }),
};

export function ownerOf(
  row: Pick<ItemRow, "owner_kind" | "owner_id" | "owner_name">,
): Owner | null {
  if (row.owner_kind === null || row.owner_name === null) return null;
  return { kind: row.owner_kind as Owner["kind"], id: row.owner_id, name: row.owner_name };
}

/** The shared domain fields of a row (without `type`). */
export function itemBaseOf(row: ItemRow, links: Link[]) {
  return {
    id: row.id,
    periodId: row.period_id,
    title: row.title,
    owner: ownerOf(row),
    weight: Number(row.weight),
    status: row.status as Status | null,
    outcome: row.outcome,
    position: Number(row.position),
    archived: boolOf(row.archived),
    carriedFromId: row.carried_from_id,
    carriedToId: row.carried_to_id,
    links,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
