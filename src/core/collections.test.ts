import { describe, expect, it } from "vitest";
import { keepNewest } from "./collections.js";

describe("keepNewest", () => {
  it("keeps the latest used up to the bound, dropping the oldest first", () => {
    const map = new Map<string, number>();
    keepNewest(map, "a", 1, 2);
    keepNewest(map, "b", 2, 2);
    keepNewest(map, "a", 3, 2);
    keepNewest(map, "c", 4, 2);
    expect([...map]).toEqual([
      ["a", 3],
      ["c", 4],
    ]);
  });
});
