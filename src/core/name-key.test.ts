import { describe, expect, it } from "vitest";
import { nameKey, sameName } from "./name-key.js";

describe("nameKey", () => {
  it("lower-cases every letter, not only ASCII", () => {
    expect(nameKey("Émilie Dupont")).toBe("émilie dupont");
    expect(nameKey("ÉQUIPE DONNÉES")).toBe("équipe données");
    expect(nameKey("ÅSA ØBERG")).toBe("åsa øberg");
    expect(nameKey("ΣΟΦΙΑ")).toBe(nameKey("σοφια"));
  });

  it("reads a decomposed accent as the composed letter", () => {
    const decomposed = "E\u0301milie Dupont";
    expect(decomposed).not.toBe("Émilie Dupont");
    expect(nameKey(decomposed)).toBe("émilie dupont");
    expect(nameKey(decomposed)).toBe(nameKey("Émilie Dupont"));
  });

  it("trims and collapses white space of any kind", () => {
    expect(nameKey("  Émilie \t  Dupont\n")).toBe("émilie dupont");
    expect(nameKey("chief   PRODUCT officer")).toBe("chief product officer");
    expect(nameKey("Ana\u00a0Ruiz")).toBe("ana ruiz");
    expect(nameKey("   ")).toBe("");
  });

  it("is idempotent", () => {
    for (const name of ["  Émilie   DUPONT ", "E\u0301QUIPE", "Straße", "İstanbul Ofisi"]) {
      expect(nameKey(nameKey(name))).toBe(nameKey(name));
    }
  });

  it("keeps letters that differ as they are: no accent is dropped", () => {
    expect(nameKey("Emilie")).not.toBe(nameKey("Émilie"));
  });
});

describe("sameName", () => {
  it("is true for names with one key, false otherwise", () => {
    expect(sameName("émilie dupont", "Émilie Dupont")).toBe(true);
    expect(sameName("E\u0301milie  Dupont ", "ÉMILIE DUPONT")).toBe(true);
    expect(sameName("Émilie Dupont", "Emilie Dupont")).toBe(false);
    expect(sameName("Ana", "Ana Ruiz")).toBe(false);
  });
});
