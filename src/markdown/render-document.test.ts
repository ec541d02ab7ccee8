/** Render -> parse gives the same document: on our fixtures, and on generated documents. */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DocumentItem, OkrDocument } from "../core/document.js";
import { documentLinksOf } from "./inline-text.js";
import { readOutcome } from "./outcome.js";
import { parseHandbook } from "./parse-handbook.js";
import { renderDocument } from "./render-document.js";
import { comparable } from "./test-support.js";

const FIXTURES = resolve(import.meta.dirname, "fixtures");

describe("renderDocument", () => {
  it("writes the house style", () => {
    const doc = parseHandbook(
      [
        "---",
        'title: "FY20-Q4 OKRs"',
        "---",
        "",
        "- CEO: Grow revenue. Reach 100 customers => 70%",
        "  - VPE",
        "    - Support: Answer within 1 hour => 94%",
        "",
        "### Support",
        "",
        "- GOOD",
        "  - Hired to plan",
        "- BAD",
        "- TRY",
        "  - Fewer meetings",
      ].join("\n"),
    );
    expect(renderDocument(doc)).toBe(
      [
        "---",
        'title: "FY20-Q4 OKRs"',
        'period: "FY20-Q4"',
        "---",
        "",
        "This period runs from 2019-11-01 to 2020-01-31.",
        "",
        "## OKRs",
        "",
        "- **CEO: Grow revenue.**",
        "  - CEO KR: Reach 100 customers => 70%",
        "  - VPE:",
        "    - Support KR: Answer within 1 hour => 94%",
        "",
        "## Retrospective",
        "",
        "### Support",
        "",
        "- GOOD",
        "  - Hired to plan",
        "- BAD",
        "- TRY",
        "  - Fewer meetings",
        "",
      ].join("\n"),
    );
  });

  it("writes an outcome for progress and status given without one", () => {
    const doc: OkrDocument = {
      format: "okr/1",
      title: null,
      period: null,
      items: [
        {
          kind: "key_result",
          owner: "CFO",
          title: "Close in 10 days",
          outcome: null,
          progress: 0.5,
          status: "missed",
          links: [],
          line: 0,
          children: [],
        },
      ],
      retrospectives: [],
      references: {},
      problems: [],
    };
    const again = parseHandbook(renderDocument(doc)).items[0];
    expect(again).toMatchObject({ progress: 0.5, status: "missed" });
  });

  for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith(".txt"))) {
    it(`round-trips fixtures/${name}`, () => {
      const doc = parseHandbook(readFileSync(resolve(FIXTURES, name), "utf8"));
      const again = parseHandbook(renderDocument(doc));
      expect(comparable(again)).toEqual(comparable(doc));
      expect(again.problems.filter((p) => p.severity === "error").map((p) => p.code)).toEqual(
        doc.problems.filter((p) => p.severity === "error").map((p) => p.code),
      );
    });
  }
});

// Generated documents: titles and owners from the handbook's vocabulary.
const WORDS = [
  "grow",
  "revenue",
  "hire",
  "ship",
  "reduce",
  "latency",
  "pipeline",
  "customers",
  "to",
  "of",
  "the",
];
const OWNERS = [
  "CEO",
  "CRO",
  "VP, Field Ops",
  "Director of Product, Dev",
  "Gitaly",
  "AMER-W",
  "Sr Director of Sales Operations",
];
const OUTCOMES = [
  null,
  "94%",
  "27%",
  "0%",
  "1500%",
  "-1.2%",
  "Done",
  "MISSED",
  "Not started",
  "7 of 8 consults",
  "will carry over into Q1FY21",
  "pushed to FY21Q1",
  "deprioritized",
  "In progress, see [issue](https://example.com/1)",
];

const title = fc
  .tuple(
    fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }),
    fc.nat(1000),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([words, n, link, period]) => {
    const text = `${words[0]?.[0]?.toUpperCase() ?? ""}${words.join(" ").slice(1)} ${n}`;
    const linked = link ? `[${text}](https://example.com/issues/${n})` : text;
    return period ? `${linked}.` : linked;
  });

function item(
  kind: DocumentItem["kind"],
  owner: string,
  text: string,
  outcome: string | null,
  children: DocumentItem[],
): DocumentItem {
  const reading = readOutcome(outcome, text);
  return {
    kind,
    owner,
    title: text,
    outcome,
    progress: reading.progress,
    status: reading.status,
    links: documentLinksOf(outcome === null ? text : `${text} ${outcome}`, {}),
    line: 0,
    children,
    // An outcome that is a value of the title's measure carries both ("Hire 8" => "7 of 8").
    ...(reading.measured === undefined
      ? {}
      : { measure: reading.measured.measure, value: reading.measured.value }),
  };
}

const keyResult = fc
  .tuple(fc.constantFrom(...OWNERS), title, fc.constantFrom(...OUTCOMES))
  .map(([owner, text, outcome]) => item("key_result", owner, text, outcome, []));

/** Objectives nested at most `depth` levels deep, each with a few KRs. */
function objectiveArb(depth: number): fc.Arbitrary<DocumentItem> {
  const children: fc.Arbitrary<DocumentItem[]> =
    depth === 0 ? fc.constant([]) : fc.array(objectiveArb(depth - 1), { maxLength: 2 });
  return fc
    .tuple(
      fc.constantFrom(...OWNERS),
      title,
      fc.constantFrom(...OUTCOMES),
      fc.array(keyResult, { maxLength: 4 }),
      children,
    )
    .map(([owner, text, outcome, krs, subs]) =>
      item("objective", owner, text, outcome, [...krs, ...subs]),
    );
}

const objective = objectiveArb(3);

const documentArb = fc
  .tuple(
    fc.option(fc.constantFrom("FY20-Q4 OKRs", "Calendar Year 2017 Q3 OKRs", "Our goals"), {
      nil: null,
    }),
    fc.array(objective, { minLength: 1, maxLength: 4 }),
    fc.array(
      fc.record({
        team: fc.constantFrom("Infrastructure", "Delivery", "Sales Ops"),
        good: fc.array(title, { maxLength: 3 }),
        bad: fc.array(title, { maxLength: 3 }),
        try: fc.array(title, { maxLength: 3 }),
      }),
      { maxLength: 2 },
    ),
  )
  .map(([docTitle, items, retros]): OkrDocument => {
    const unique = retros.filter((r, i) => retros.findIndex((o) => o.team === r.team) === i);
    return {
      format: "okr/1",
      title: docTitle,
      period:
        docTitle === "FY20-Q4 OKRs"
          ? { label: "FY20-Q4", start: "2019-11-01", end: "2020-01-31" }
          : null,
      items,
      retrospectives: unique,
      references: {},
      problems: [],
    };
  });

describe("render -> parse (property)", () => {
  it("gives back the same items, outcomes, retrospectives and period", () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        const again = parseHandbook(renderDocument(doc));
        const expected = comparable(doc) as { period: unknown };
        const got = comparable(again) as { period: unknown };
        if (doc.period === null && doc.title !== null) {
          // A title with a quarter in it names the period.
          expected.period = got.period;
        }
        expect(got).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
