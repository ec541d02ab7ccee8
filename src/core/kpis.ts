/**
 * KPIs: named metrics without a period ("MTTR", "ARR"), kept inside a target band. Pure: the
 * band's verdict on a value.
 */
import type { Id, IsoDateTime, Owner } from "./types.js";

export interface Kpi {
  id: Id;
  name: string;
  description: string;
  /** Shown after the number ("min", "%", "EUR"). */
  unit: string;
  /** The band the KPI should stay in; either end may be open. */
  targetLow: number | null;
  targetHigh: number | null;
  owner: Owner | null;
  /** `manual`, or the kind of source that reads it (its id in `sourceId`). */
  sourceKind: string;
  sourceId: Id | null;
  /** The newest reading's value and time. */
  current: number | null;
  currentAt: IsoDateTime | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  version: number;
}

export interface KpiReading {
  id: Id;
  kpiId: Id;
  value: number;
  /** When the value was true (a reading may be entered late). */
  at: IsoDateTime;
  note: string;
  /** `manual`, or the source kind that read it. */
  source: string;
  authorName: string | null;
  createdAt: IsoDateTime;
}

/** Where a value stands against a band: inside it, under it, over it, or no value/band. */
export type KpiBandStatus = "in_band" | "below" | "above" | "unknown";

/**
 * Where `value` stands against the band `[low, high]` (ends inclusive, either may be open).
 *
 * @example kpiBandStatusOf({ targetLow: null, targetHigh: 20 }, 34) // "above": MTTR too slow
 */
export function kpiBandStatusOf(
  band: Pick<Kpi, "targetLow" | "targetHigh">,
  value: number | null,
): KpiBandStatus {
  if (value === null || (band.targetLow === null && band.targetHigh === null)) return "unknown";
  if (band.targetLow !== null && value < band.targetLow) return "below";
  if (band.targetHigh !== null && value > band.targetHigh) return "above";
  return "in_band";
}

/** The band as people write it: "20–40 min", "≤ 20 min", "≥ 99 %", or "" with no band. */
export function formatKpiBand(kpi: Pick<Kpi, "targetLow" | "targetHigh" | "unit">): string {
  const unit = kpi.unit ? ` ${kpi.unit}` : "";
  const { targetLow: low, targetHigh: high } = kpi;
  if (low !== null && high !== null) return `${low}–${high}${unit}`;
  if (high !== null) return `≤ ${high}${unit}`;
  if (low !== null) return `≥ ${low}${unit}`;
  return "";
}
