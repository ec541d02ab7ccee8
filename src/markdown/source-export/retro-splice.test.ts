/** Retrospectives written back in the page's own style, each part on its own. */
import { describe, expect, it } from "vitest";
import { parseHandbook } from "../parse-handbook.js";
import { type RetroEntries, spliceRetrospectives } from "./retro-splice.js";

const PAGE = [
  "## 2019 Q1",
  "",
  "- CEO: Grow revenue => 50%",
  "",
  "### Infrastructure",
  "",
  "- GOOD",
  "  1. We made it to 72%",
  "- BAD",
  "  1. We focused too much on OKRs,",
  "     so production suffered.",
  "  1. Cost work slipped",
  "- TRY",
  "  1. Move to data-driven KRs",
  "",
  "#### Delivery",
  "",
  "**Good:**",
  "",
  "1. Auto-deploy went well",
  "2. Demos helped",
  "",
  "**Bad:**",
  "",
  "1. Security releases are still hard",
  "",
  "Closing prose.",
  "",
].join("\n");

const was = parseHandbook(PAGE).retrospectives;
const find = (team: string) => was.find((r) => r.team === team) as RetroEntries;

/** The page's retrospectives with one team's replaced. */
function with_(team: string, over: Partial<RetroEntries>): RetroEntries[] {
  return was.map((r) => (r.team === team ? { ...r, ...over } : r));
}

describe("spliceRetrospectives", () => {
  it("keeps the page byte for byte when nothing changed", () => {
    const out = spliceRetrospectives(PAGE, was, was);
    expect(out.text).toBe(PAGE);
    expect(out.moved(3)).toBe(3);
  });

  it("rewrites only the changed part, with its entries' marker and indent", () => {
    const bad = ["Availability suffered"];
    const out = spliceRetrospectives(PAGE, was, with_("Infrastructure", { bad }));
    const expected = PAGE.replace(
      "  1. We focused too much on OKRs,\n     so production suffered.\n  1. Cost work slipped\n",
      "  1. Availability suffered\n",
    );
    expect(out.text).toBe(expected);
    expect(parseHandbook(out.text).retrospectives).toEqual(with_("Infrastructure", { bad }));
    // Lines after the rewritten part moved up by two.
    expect(out.moved(16)).toBe(14);
    expect(out.moved(10)).toBeUndefined();
  });

  it("counts on numbered entries when the page numbered them 1, 2", () => {
    const good = ["Auto-deploy went well", "Demos helped", "Storage limits landed"];
    const out = spliceRetrospectives(PAGE, was, with_("Delivery", { good }));
    expect(out.text).toBe(
      PAGE.replace("2. Demos helped\n", "2. Demos helped\n3. Storage limits landed\n"),
    );
  });

  it("adds a missing part after the part before it, with a head like the others", () => {
    const out = spliceRetrospectives(PAGE, was, with_("Delivery", { try: ["Use more demos"] }));
    expect(out.text).toBe(
      PAGE.replace(
        "1. Security releases are still hard\n",
        "1. Security releases are still hard\n\n**Try:**\n\n1. Use more demos\n",
      ),
    );
    expect(parseHandbook(out.text).retrospectives).toEqual(
      with_("Delivery", { try: ["Use more demos"] }),
    );
  });

  it("inserts a new team's retrospective after the others, shaped like the last", () => {
    const security: RetroEntries = {
      team: "Security",
      good: ["Bounties paid off"],
      bad: [],
      try: ["Fewer manual reviews"],
    };
    const out = spliceRetrospectives(PAGE, was, [...was, security]);
    expect(out.text).toBe(
      PAGE.replace(
        "1. Security releases are still hard\n",
        [
          "1. Security releases are still hard",
          "",
          "#### Security",
          "",
          "**Good:**",
          "",
          "1. Bounties paid off",
          "",
          "**Bad:**",
          "",
          "**Try:**",
          "",
          "1. Fewer manual reviews",
          "",
        ].join("\n"),
      ),
    );
    expect(parseHandbook(out.text).retrospectives).toEqual([...was, security]);
  });

  it("writes the first retrospective of a page without any in the house style", () => {
    const page = "# Q1 2020\n\n- CEO: Grow revenue => 50%\n";
    const retro: RetroEntries = { team: "Sales", good: ["Won"], bad: ["Lost"], try: [] };
    const out = spliceRetrospectives(page, [], [retro]);
    expect(out.text.startsWith(page.trimEnd())).toBe(true);
    expect(parseHandbook(out.text).retrospectives).toEqual([retro]);
    expect(find("Infrastructure").good).toEqual(["We made it to 72%"]);
  });

  it("puts a missing part between the ones around it under heading heads", () => {
    const page = "### Support\n\n#### Good\n\n- Answers got faster\n\n#### Try\n\n- Publish more\n";
    const before = parseHandbook(page).retrospectives;
    const after = before.map((r) => ({ ...r, bad: ["Queue grew"], try: [...r.try, "Hire"] }));
    const out = spliceRetrospectives(page, before, after);
    expect(out.text).toBe(
      "### Support\n\n#### Good\n\n- Answers got faster\n\n#### Bad\n\n- Queue grew\n\n#### Try\n\n- Publish more\n- Hire\n",
    );
    expect(parseHandbook(out.text).retrospectives).toEqual(after);
  });
});
