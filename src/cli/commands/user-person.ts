/** `okr user set-person`: which person an account is, so that their OKRs are its own. */
import type { Command } from "commander";
import type { AppDeps } from "../../app/deps.js";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import type { Id } from "../../core/types.js";
import { findPersonIn } from "./person.js";
import { withDatabase } from "./user.js";

/** The id of the person named by `which` (an id, or a name as names compare). */
export async function personIdOf(deps: AppDeps, which: string): Promise<Id> {
  const { listPeople } = await import("../../app/people.js");
  return findPersonIn(await listPeople(deps, SYSTEM_ACTOR), which).id;
}

export function registerUserPersonCommand(user: Command): void {
  user
    .command("set-person")
    .description("Say which person a user is (name or id; none unlinks): My OKRs shows theirs")
    .argument("<email>", "the user's email")
    .argument("<person>", "the person's name or id, or none")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (email: string, which: string, flags: { databaseUrl?: string }) => {
      const { getUserByEmail, updateUser } = await import("../../app/accounts.js");
      const { listPeople } = await import("../../app/people.js");
      const message = await withDatabase(flags.databaseUrl, async (deps) => {
        const found = await getUserByEmail(deps, email);
        if (which.trim().toLowerCase() === "none") {
          await updateUser(deps, SYSTEM_ACTOR, found.id, { personId: null });
          return `${found.email} is linked to no person now\n`;
        }
        const person = findPersonIn(await listPeople(deps, SYSTEM_ACTOR), which);
        await updateUser(deps, SYSTEM_ACTOR, found.id, { personId: person.id });
        return `${found.email} is ${person.name}'s account: their OKRs are its own\n`;
      });
      process.stdout.write(message);
    });
}
