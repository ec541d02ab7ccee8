/** Kysely table types: filled in with the first migration. */
// biome-ignore lint/complexity/noBannedTypes: replaced by the real schema
export type Database = {};
