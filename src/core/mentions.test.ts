import { describe, expect, it } from "vitest";
import { stateFromHistory } from "./check-in-history.js";
import { findMentions } from "./mentions.js";
import type { CheckIn } from "./types.js";

const PEOPLE = [
  { id: "ann", name: "Ann" },
  { id: "ann-lee", name: "Ann Lee" },
  { id: "bo", name: "Bo Østergaard" },
];

describe("findMentions", () => {
  it("takes the longest whole name, case-insensitive, each person once, in order", () => {
    expect(findMentions("@ann lee and @ANN, again @Ann Lee.", PEOPLE)).toEqual(["ann-lee", "ann"]);
    expect(findMentions("thanks @bo østergaard!", PEOPLE)).toEqual(["bo"]);
  });
  it("needs the whole name and a break before the @: no e-mail addresses, no prefixes", () => {
    expect(findMentions("mail ann@example.com", PEOPLE)).toEqual([]);
    expect(findMentions("@Annabel is new", PEOPLE)).toEqual([]);
    expect(findMentions("@Bo", PEOPLE)).toEqual([]);
    expect(findMentions("(@Ann)", PEOPLE)).toEqual(["ann"]);
  });
  it("compares names as names: any letter's case, decomposed accents, runs of spaces", () => {
    const people = [{ id: "emilie", name: "Émilie Dupont" }];
    expect(findMentions("merci @ÉMILIE DUPONT", people)).toEqual(["emilie"]);
    expect(findMentions("merci @E\u0301milie dupont", people)).toEqual(["emilie"]);
    expect(findMentions("merci @émilie   dupont.", people)).toEqual(["emilie"]);
    expect(findMentions("merci @Emilie Dupont", people)).toEqual([]);
  });
});

function checkIn(at: string, fields: Partial<CheckIn>): CheckIn {
  return {
    id: at,
    keyResultId: "kr",
    value: null,
    progress: null,
    health: null,
    confidence: null,
    note: "",
    authorId: null,
    authorName: null,
    createdAt: at,
    ...fields,
  };
}

describe("stateFromHistory", () => {
  it("is the latest progress and time, with the last value, health and confidence given", () => {
    const state = stateFromHistory([
      checkIn("2026-01-01T00:00:00Z", {
        value: 3,
        progress: 0.3,
        health: "at_risk",
        confidence: 4,
      }),
      checkIn("2026-01-08T00:00:00Z", { progress: 0.35, note: "note only" }),
    ]);
    expect(state).toEqual({
      current: 3,
      progress: 0.35,
      health: "at_risk",
      confidence: 4,
      lastCheckInAt: "2026-01-08T00:00:00Z",
    });
  });
  it("is nothing measured when no check-in is left", () => {
    expect(stateFromHistory([])).toEqual({
      current: null,
      progress: null,
      health: null,
      confidence: null,
      lastCheckInAt: null,
    });
  });
});
