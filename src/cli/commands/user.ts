/** `okr user add|list|set-password|set-role`: accounts from the command line (the first admin, too). */

import { randomBytes } from "node:crypto";
import type { Command } from "commander";
import { makeSecret } from "../../app/auth-secrets.js";
import { type AppDeps, SYSTEM_ACTOR } from "../../app/deps.js";
import { OkrError } from "../../core/errors.js";
import { createIdGenerator } from "../../core/ids.js";
import type { Role } from "../../core/types.js";
import { openDatabase, resolveDatabaseUrl } from "../../store/database.js";
import { registerUserAccessCommands } from "./user-access.js";
import { personIdOf, registerUserPersonCommand } from "./user-person.js";

const ROLES: readonly Role[] = ["admin", "editor", "viewer"];

/** Opens the database (migrated), runs `work`, closes it. */
export async function withDatabase<T>(
  databaseUrl: string | undefined,
  work: (deps: AppDeps) => Promise<T>,
): Promise<T> {
  const opened = await openDatabase(resolveDatabaseUrl(databaseUrl, process.env), {
    migrate: true,
  });
  try {
    return await work({
      db: opened.db,
      dialect: opened.dialect,
      now: () => new Date(),
      newId: createIdGenerator(Date.now, (n) => randomBytes(n)),
    });
  } finally {
    await opened.close();
  }
}

export function parseRole(value: string): Role {
  const role = value.trim().toLowerCase();
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new OkrError("invalid_input", `Role must be one of ${ROLES.join(", ")}, got '${value}'`);
  }
  return role as Role;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/**
 * Every account has a password: read from standard input, or made here (`generated`, to be
 * shown once). An empty standard input is no password, and refused.
 */
async function passwordOf(
  fromStdin: boolean | undefined,
): Promise<{ password: string; generated: string | undefined }> {
  if (!fromStdin) {
    const generated = makeSecret(12);
    return { password: generated, generated };
  }
  const password = await readStdin();
  if (password === "") {
    throw new OkrError(
      "invalid_input",
      "No password on standard input: pipe one in (at least 8 characters), or leave out --password-stdin to have one made.",
      [{ path: "password", message: "is required" }],
    );
  }
  return { password, generated: undefined };
}

interface AddFlags {
  email: string;
  name: string;
  role?: string;
  admin?: boolean;
  insider?: boolean;
  passwordStdin?: boolean;
  person?: string;
  databaseUrl?: string;
}

export function registerUserCommand(program: Command): void {
  const user = program.command("user").description("Manage user accounts");
  registerUserAccessCommands(user);
  registerUserPersonCommand(user);
  user
    .command("add")
    .description("Add a user; `okr user add --admin …` creates the first admin")
    .requiredOption("--email <email>", "email (the sign-in name)")
    .requiredOption("--name <name>", "display name")
    .option("--role <role>", "admin, editor or viewer (default viewer)")
    .option("--admin", "same as --role admin")
    .option("--insider", "may see confidential objectives and targets")
    .option("--person <person>", "the person this account is (name or id): their OKRs are its own")
    .option(
      "--password-stdin",
      "read the password from standard input (otherwise one is generated and printed once)",
    )
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (flags: AddFlags) => {
      const role = flags.admin ? "admin" : parseRole(flags.role ?? "viewer");
      const { createUser } = await import("../../app/accounts.js");
      const { password, generated } = await passwordOf(flags.passwordStdin);
      const created = await withDatabase(flags.databaseUrl, async (deps) =>
        createUser(deps, SYSTEM_ACTOR, {
          email: flags.email,
          name: flags.name,
          role,
          insider: flags.insider ?? role === "admin",
          password,
          ...(flags.person ? { personId: await personIdOf(deps, flags.person) } : {}),
        }),
      );
      process.stdout.write(
        `Added ${created.email} (${created.role}${created.insider ? ", insider" : ""}), id ${created.id}\n`,
      );
      if (generated) process.stdout.write(`Password (shown once): ${generated}\n`);
    });

  user
    .command("list")
    .description("List user accounts: email, role, insider, disabled, name, person (tab-separated)")
    .option("--json", "print JSON")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (flags: { json?: boolean; databaseUrl?: string }) => {
      const { listUsers } = await import("../../app/accounts.js");
      const { listPeople } = await import("../../app/people.js");
      const [users, people] = await withDatabase(flags.databaseUrl, (deps) =>
        Promise.all([listUsers(deps, SYSTEM_ACTOR), listPeople(deps, SYSTEM_ACTOR)]),
      );
      const personName = new Map(people.map((p) => [p.id, p.name]));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
        return;
      }
      if (users.length === 0) {
        process.stdout.write(
          "No users yet. Add the first admin: okr user add --admin --email … --name …\n",
        );
        return;
      }
      for (const u of users) {
        process.stdout.write(
          // The same columns on every row, so a script can cut them.
          `${u.email}\t${u.role}\t${u.insider ? "insider" : ""}\t${u.disabledAt ? "disabled" : ""}\t${u.name}\t${u.personId ? (personName.get(u.personId) ?? u.personId) : ""}\n`,
        );
      }
    });

  user
    .command("set-password")
    .description("Give a user a new password (their sessions end); one is made unless piped in")
    .argument("<email>", "the user's email")
    .option("--password-stdin", "read the password from standard input")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (email: string, flags: { passwordStdin?: boolean; databaseUrl?: string }) => {
      const { password, generated } = await passwordOf(flags.passwordStdin);
      const { getUserByEmail, updateUser } = await import("../../app/accounts.js");
      const updated = await withDatabase(flags.databaseUrl, async (deps) => {
        const found = await getUserByEmail(deps, email);
        return updateUser(deps, SYSTEM_ACTOR, found.id, { password });
      });
      process.stdout.write(`${updated.email} has a new password; their sessions ended\n`);
      if (generated) process.stdout.write(`Password (shown once): ${generated}\n`);
    });

  user
    .command("set-role")
    .description("Change a user's role (and insider flag)")
    .argument("<email>", "the user's email")
    .argument("<role>", "admin, editor or viewer")
    .option("--insider", "may see confidential values")
    .option("--no-insider", "may not see confidential values")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(
      async (
        email: string,
        roleText: string,
        flags: { insider?: boolean; databaseUrl?: string },
      ) => {
        const role = parseRole(roleText);
        const { getUserByEmail, updateUser } = await import("../../app/accounts.js");
        const updated = await withDatabase(flags.databaseUrl, async (deps) => {
          const found = await getUserByEmail(deps, email);
          return updateUser(deps, SYSTEM_ACTOR, found.id, {
            role,
            ...(flags.insider !== undefined ? { insider: flags.insider } : {}),
          });
        });
        process.stdout.write(
          `${updated.email} is now ${updated.role}${updated.insider ? ", insider" : ""}\n`,
        );
      },
    );
}
