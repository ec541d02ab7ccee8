import { describe, expect, it } from "vitest";
import { normalizeRoleTitle, ownerDirectory } from "./owners.js";
import type { Owner, Person, Team } from "./types.js";

// Fernhill-like: Marketing under Go-to-market; Ola is CMO in Marketing, Ida and Per share the
// title "Account Executive" in Sales; Nils has no team; Kim has no title.
const teams: Team[] = [
  { id: "gtm", name: "Go-to-market", parentId: null },
  { id: "mkt", name: "Marketing", parentId: "gtm" },
  { id: "sales", name: "Sales", parentId: "gtm" },
  { id: "eng", name: "Engineering", parentId: null },
];
const person = (id: string, title: string | null, teamId: string | null): Person => ({
  id,
  name: id[0]?.toUpperCase() + id.slice(1),
  email: null,
  title,
  teamId,
});
const people: Person[] = [
  person("ola", "CMO", "mkt"),
  person("ida", "Account Executive", "sales"),
  person("per", "  account   executive ", "sales"),
  person("nils", "VP, Field Ops", null),
  person("kim", null, "eng"),
  person("eve", "   ", "eng"),
];
const role = (name: string): Owner => ({ kind: "role", id: null, name });
const team = (id: string): Owner => ({ kind: "team", id, name: id });
const personOwner = (id: string | null): Owner => ({ kind: "person", id, name: String(id) });

describe("ownerDirectory", () => {
  const owners = ownerDirectory(people, teams);

  it("resolves a person to that person and their team", () => {
    expect(owners.resolve(personOwner("ola"))).toEqual({ personIds: ["ola"], teamIds: ["mkt"] });
    expect(owners.resolve(personOwner("nils"))).toEqual({ personIds: ["nils"], teamIds: [] });
  });

  it("resolves a team to the team alone (its people own their own lines)", () => {
    expect(owners.resolve(team("sales"))).toEqual({ personIds: [], teamIds: ["sales"] });
  });

  it("resolves a role title to everyone holding it and their teams, in any case and spacing", () => {
    expect(owners.resolve(role("CMO"))).toEqual({ personIds: ["ola"], teamIds: ["mkt"] });
    expect(owners.resolve(role("account executive"))).toEqual({
      personIds: ["ida", "per"],
      teamIds: ["sales"],
    });
    expect(owners.resolve(role(" VP,  Field Ops "))).toEqual({ personIds: ["nils"], teamIds: [] });
  });

  it("resolves nobody for unknown, empty or missing owners", () => {
    const nobody = { personIds: [], teamIds: [] };
    expect(owners.resolve(null)).toEqual(nobody);
    expect(owners.resolve(role("Chief Happiness Officer"))).toEqual(nobody);
    expect(owners.resolve(role(""))).toEqual(nobody);
    expect(owners.resolve(role("   "))).toEqual(nobody);
    expect(owners.resolve(personOwner(null))).toEqual(nobody);
    expect(owners.resolve(personOwner("gone"))).toEqual(nobody);
    expect(owners.resolve(team("gone"))).toEqual(nobody);
  });

  it("answers by team and by person through the same resolution", () => {
    expect(owners.ownedByTeam(role("CMO"), "mkt")).toBe(true);
    expect(owners.ownedByTeam(role("CMO"), "sales")).toBe(false);
    expect(owners.ownedByTeam(personOwner("ida"), "sales")).toBe(true);
    expect(owners.ownedByPerson(role("Account Executive"), "per")).toBe(true);
    expect(owners.ownedByPerson(team("sales"), "ida")).toBe(false);
  });

  it("says what is a member's: their name, their title, their teams, not a teammate's line", () => {
    const ida = { personId: "ida", teamIds: ["sales"] };
    expect(owners.ownedByMember(personOwner("ida"), ida)).toBe(true);
    expect(owners.ownedByMember(role("account executive"), ida)).toBe(true);
    expect(owners.ownedByMember(team("sales"), ida)).toBe(true);
    expect(owners.ownedByMember(personOwner("per"), ida)).toBe(false);
    expect(owners.ownedByMember(role("CMO"), ida)).toBe(false);
    expect(owners.ownedByMember(null, ida)).toBe(false);
    expect(owners.ownedByMember(team("sales"), { personId: null, teamIds: [] })).toBe(false);
  });

  it("gives the teams a filter matches: the owner's teams and every team above them", () => {
    expect(owners.teamsWithParents(role("CMO"))).toEqual(["mkt", "gtm"]);
    expect(owners.teamsWithParents(personOwner("kim"))).toEqual(["eng"]);
    expect(owners.teamsWithParents(team("gtm"))).toEqual(["gtm"]);
    expect(owners.teamsWithParents(role("nobody"))).toEqual([]);
  });

  it("survives a loop in team parents", () => {
    const looped = ownerDirectory(
      [person("ann", "CTO", "a")],
      [
        { id: "a", name: "A", parentId: "b" },
        { id: "b", name: "B", parentId: "a" },
      ],
    );
    expect(looped.teamsWithParents(role("CTO"))).toEqual(["a", "b"]);
  });

  it("compares role titles trimmed, case-insensitively, with inner spaces collapsed", () => {
    expect(normalizeRoleTitle("  VP,   Field\tOps ")).toBe("vp, field ops");
  });

  it("resolves a role title written in another case of any letter, or with a decomposed accent", () => {
    const directory = ownerDirectory([person("zoe", "Directrice Générale", "a")], []);
    expect(directory.resolve(role("DIRECTRICE GÉNÉRALE")).personIds).toEqual(["zoe"]);
    expect(directory.resolve(role("directrice ge\u0301ne\u0301rale")).personIds).toEqual(["zoe"]);
  });
});
