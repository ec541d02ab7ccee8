import { describe, expect, it } from "vitest";
import { formatKpiBand, kpiBandStatusOf } from "./kpis.js";

describe("kpiBandStatusOf", () => {
  it("says a value over a ceiling is above: MTTR of 34 minutes against at most 20", () => {
    expect(kpiBandStatusOf({ targetLow: null, targetHigh: 20 }, 34)).toBe("above");
    expect(kpiBandStatusOf({ targetLow: null, targetHigh: 20 }, 20)).toBe("in_band");
  });
  it("says a value under a floor is below, and the ends of a band are inside it", () => {
    const band = { targetLow: 99, targetHigh: 100 };
    expect(kpiBandStatusOf(band, 98.5)).toBe("below");
    expect(kpiBandStatusOf(band, 99)).toBe("in_band");
    expect(kpiBandStatusOf(band, 100)).toBe("in_band");
    expect(kpiBandStatusOf(band, 100.1)).toBe("above");
  });
  it("knows nothing without a value or without a band", () => {
    expect(kpiBandStatusOf({ targetLow: 1, targetHigh: null }, null)).toBe("unknown");
    expect(kpiBandStatusOf({ targetLow: null, targetHigh: null }, 5)).toBe("unknown");
  });
});

describe("formatKpiBand", () => {
  it("writes the band as people do", () => {
    expect(formatKpiBand({ targetLow: 20, targetHigh: 40, unit: "min" })).toBe("20–40 min");
    expect(formatKpiBand({ targetLow: null, targetHigh: 20, unit: "min" })).toBe("≤ 20 min");
    expect(formatKpiBand({ targetLow: 99, targetHigh: null, unit: "%" })).toBe("≥ 99 %");
    expect(formatKpiBand({ targetLow: null, targetHigh: null, unit: "" })).toBe("");
  });
});
