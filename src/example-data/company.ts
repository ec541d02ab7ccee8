/**
 * Fernhill, the fictional company of the example data: a developer-tools company that sells
 * Fernhill CI (hosted pipelines with a shared build cache). Its people and teams own the
 * lines of the example pages; owners are written on the pages as role titles ("VP Sales")
 * or team names ("Runners").
 */

export interface ExampleTeam {
  name: string;
  /** Name of the parent team; null for the company itself. */
  parent: string | null;
}

export interface ExamplePerson {
  name: string;
  email: string;
  /** Role title exactly as the pages write the owner, or the team lead's title. */
  title: string;
  team: string;
}

/** Parents before children. */
export const TEAMS: readonly ExampleTeam[] = [
  { name: "Fernhill", parent: null },
  { name: "Sales", parent: "Fernhill" },
  { name: "Sales Development", parent: "Sales" },
  { name: "SDR West", parent: "Sales Development" },
  { name: "Marketing", parent: "Fernhill" },
  { name: "Developer Relations", parent: "Marketing" },
  { name: "Engineering", parent: "Fernhill" },
  { name: "Platform", parent: "Engineering" },
  { name: "Build Cache", parent: "Platform" },
  { name: "Runners", parent: "Platform" },
  { name: "Reliability", parent: "Engineering" },
  { name: "Product", parent: "Fernhill" },
  { name: "Developer Experience", parent: "Product" },
  { name: "Web", parent: "Developer Experience" },
  { name: "Docs", parent: "Developer Experience" },
  { name: "People", parent: "Fernhill" },
];

export const PEOPLE: readonly ExamplePerson[] = [
  { name: "Maren Holt", email: "maren@fernhill.example", title: "CEO", team: "Fernhill" },
  { name: "Tobias Wren", email: "tobias@fernhill.example", title: "VP Sales", team: "Sales" },
  { name: "Ines Okafor", email: "ines@fernhill.example", title: "VP Marketing", team: "Marketing" },
  {
    name: "Dev Raman",
    email: "dev@fernhill.example",
    title: "VP Engineering",
    team: "Engineering",
  },
  { name: "Clara Voss", email: "clara@fernhill.example", title: "VP Product", team: "Product" },
  { name: "Samir Haddad", email: "samir@fernhill.example", title: "VP People", team: "People" },
  {
    name: "Lucia Ferreira",
    email: "lucia@fernhill.example",
    title: "Director of Sales Development",
    team: "Sales Development",
  },
  {
    name: "Owen Pike",
    email: "owen@fernhill.example",
    title: "Director of Developer Relations",
    team: "Developer Relations",
  },
  {
    name: "Hana Sato",
    email: "hana@fernhill.example",
    title: "Director of Platform",
    team: "Platform",
  },
  {
    name: "Felix Brandt",
    email: "felix@fernhill.example",
    title: "Director of Reliability",
    team: "Reliability",
  },
  {
    name: "Priya Nair",
    email: "priya@fernhill.example",
    title: "Director of Developer Experience",
    team: "Developer Experience",
  },
  { name: "Jonas Berg", email: "jonas@fernhill.example", title: "SDR West lead", team: "SDR West" },
  {
    name: "Ada Kowalski",
    email: "ada@fernhill.example",
    title: "Build Cache lead",
    team: "Build Cache",
  },
  { name: "Mateo Ruiz", email: "mateo@fernhill.example", title: "Runners lead", team: "Runners" },
  { name: "Noor Saleh", email: "noor@fernhill.example", title: "Web lead", team: "Web" },
  { name: "Elin Strand", email: "elin@fernhill.example", title: "Docs lead", team: "Docs" },
];

/** The person who speaks for an owner as written on a page: a role title or a team name. */
export function personForOwner(owner: string | null): ExamplePerson | undefined {
  if (owner === null) return undefined;
  const wanted = owner.trim().toLowerCase();
  return (
    PEOPLE.find((p) => p.title.toLowerCase() === wanted) ??
    PEOPLE.find((p) => p.team.toLowerCase() === wanted && p.title.endsWith(" lead"))
  );
}
