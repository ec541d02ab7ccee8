/** What every use case receives: the database, the clock and the id generator, passed in. */
import type { Kysely } from "kysely";
import type { Id, Role } from "../core/types.js";
import type { Database } from "../store/schema.js";
import type { RhythmConfig } from "./mail.js";

export interface AppDeps {
  db: Kysely<Database>;
  dialect: "sqlite" | "postgres";
  now: () => Date;
  newId: () => Id;
  /** Mail and the app's public address for links (the weekly rhythm); none: nothing is sent. */
  rhythm?: RhythmConfig;
}

/** Who is acting: a signed-in user, a script with a token, or the system (CLI, example data). */
export interface Actor {
  kind: "user" | "token" | "system";
  userId: Id | null;
  name: string;
  role: Role;
  /** Insiders see confidential objectives and target values; admins always do. */
  insider: boolean;
  /** The person this user is, for "owners may edit their own OKRs" and "my OKRs". */
  personId: Id | null;
}

/** The actor for CLI commands and example data: may do everything. */
export const SYSTEM_ACTOR: Actor = {
  kind: "system",
  userId: null,
  name: "system",
  role: "admin",
  insider: true,
  personId: null,
};
