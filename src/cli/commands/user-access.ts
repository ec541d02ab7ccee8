/** `okr user disable|enable|delete|sign-out`: who may get in, from the command line. */
import type { Command } from "commander";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { withDatabase } from "./user.js";

const DATABASE_FLAG = [
  "--database-url <url>",
  "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)",
] as const;

export function registerUserAccessCommands(user: Command): void {
  user
    .command("disable")
    .description("Disable a user: their sessions end and their API tokens stop at once")
    .argument("<email>", "the user's email")
    .option(...DATABASE_FLAG)
    .action(async (email: string, flags: { databaseUrl?: string }) => {
      const [{ getUserByEmail }, { disableUser }] = await Promise.all([
        import("../../app/accounts.js"),
        import("../../app/account-access.js"),
      ]);
      const disabled = await withDatabase(flags.databaseUrl, async (deps) =>
        disableUser(deps, SYSTEM_ACTOR, (await getUserByEmail(deps, email)).id),
      );
      process.stdout.write(
        `${disabled.email} is disabled (since ${disabled.disabledAt}); their sessions ended and their tokens stopped\n`,
      );
    });

  user
    .command("enable")
    .description("Enable a disabled user again; their unrevoked tokens work again")
    .argument("<email>", "the user's email")
    .option(...DATABASE_FLAG)
    .action(async (email: string, flags: { databaseUrl?: string }) => {
      const [{ getUserByEmail }, { enableUser }] = await Promise.all([
        import("../../app/accounts.js"),
        import("../../app/account-access.js"),
      ]);
      const enabled = await withDatabase(flags.databaseUrl, async (deps) =>
        enableUser(deps, SYSTEM_ACTOR, (await getUserByEmail(deps, email)).id),
      );
      process.stdout.write(`${enabled.email} is enabled\n`);
    });

  user
    .command("delete")
    .description(
      "Delete a user with their sessions and tokens; their name stays on check-ins and in the audit log",
    )
    .argument("<email>", "the user's email")
    .option(...DATABASE_FLAG)
    .action(async (email: string, flags: { databaseUrl?: string }) => {
      const [{ getUserByEmail }, { deleteUser }] = await Promise.all([
        import("../../app/accounts.js"),
        import("../../app/account-access.js"),
      ]);
      await withDatabase(flags.databaseUrl, async (deps) =>
        deleteUser(deps, SYSTEM_ACTOR, (await getUserByEmail(deps, email)).id),
      );
      process.stdout.write(`Deleted ${email.trim().toLowerCase()}\n`);
    });

  user
    .command("sign-out")
    .description("Sign a user out on every device (their API tokens keep working)")
    .argument("<email>", "the user's email")
    .option(...DATABASE_FLAG)
    .action(async (email: string, flags: { databaseUrl?: string }) => {
      const [{ getUserByEmail }, { endSessionsOfUser }] = await Promise.all([
        import("../../app/accounts.js"),
        import("../../app/account-access.js"),
      ]);
      const ended = await withDatabase(flags.databaseUrl, async (deps) =>
        endSessionsOfUser(deps, SYSTEM_ACTOR, (await getUserByEmail(deps, email)).id),
      );
      process.stdout.write(
        `Signed ${email.trim().toLowerCase()} out of ${ended} session${ended === 1 ? "" : "s"}\n`,
      );
    });
}
