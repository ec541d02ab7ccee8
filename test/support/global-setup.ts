/** Vitest global setup: provides a PostgreSQL server to the suites (filled in by the store harness). */
export default async function setup(): Promise<void | (() => Promise<void>)> {}
