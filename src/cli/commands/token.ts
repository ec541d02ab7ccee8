/** `okr token create|list|revoke`: personal API tokens for scripts. */
import type { Command } from "commander";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { OkrError } from "../../core/errors.js";
import { withDatabase } from "./user.js";

function days(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 3650) {
    throw new OkrError(
      "invalid_input",
      `--expires-in-days must be a whole number 1–3650, got '${value}'`,
    );
  }
  return n;
}

export function registerTokenCommand(program: Command): void {
  const token = program.command("token").description("Manage personal API tokens");
  token
    .command("create")
    .description("Create a token for a user; prints the secret once (stdout), details on stderr")
    .requiredOption("--user <email>", "whose token it is")
    .requiredOption("--name <name>", "what it is for, e.g. 'CI import'")
    .option("--expires-in-days <n>", "stop working after n days (default: never)", days)
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(
      async (flags: {
        user: string;
        name: string;
        expiresInDays?: number;
        databaseUrl?: string;
      }) => {
        const { createApiToken, getUserByEmail } = await import("../../app/accounts.js");
        const created = await withDatabase(flags.databaseUrl, async (deps) => {
          const user = await getUserByEmail(deps, flags.user);
          return createApiToken(
            deps,
            SYSTEM_ACTOR,
            { name: flags.name, expiresInDays: flags.expiresInDays ?? null },
            user.id,
          );
        });
        process.stderr.write(
          `Created token ${created.token.id} '${created.token.name}' for ${flags.user}${
            created.token.expiresAt ? `, expires ${created.token.expiresAt}` : ""
          }. Keep the secret: it is not shown again.\n`,
        );
        process.stdout.write(`${created.secret}\n`);
      },
    );

  token
    .command("list")
    .description("List tokens with whose each is (never their secrets); everyone's unless --user")
    .option("--user <email>", "only this user's tokens")
    .option("--all", "every user's tokens (the default without --user)")
    .option("--json", "print JSON")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(
      async (flags: { user?: string; all?: boolean; json?: boolean; databaseUrl?: string }) => {
        if (flags.user && flags.all) {
          throw new OkrError("invalid_input", "Give --user <email> or --all, not both");
        }
        const [{ getUserByEmail, listApiTokens }, { listAllApiTokens }] = await Promise.all([
          import("../../app/accounts.js"),
          import("../../app/account-access.js"),
        ]);
        const tokens = await withDatabase(flags.databaseUrl, async (deps) => {
          if (!flags.user) return listAllApiTokens(deps, SYSTEM_ACTOR);
          const user = await getUserByEmail(deps, flags.user);
          const own = await listApiTokens(deps, SYSTEM_ACTOR, user.id);
          return own.map((t) => ({ ...t, userEmail: user.email, userName: user.name }));
        });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
          return;
        }
        if (tokens.length === 0) process.stdout.write("No tokens.\n");
        const now = new Date().toISOString();
        for (const t of tokens) {
          const state = t.revokedAt
            ? "revoked"
            : t.expiresAt && t.expiresAt < now
              ? "expired"
              : "active";
          process.stdout.write(
            `${t.id}\t${t.userEmail}\t${t.prefix}…\t${t.name}\t${state}\tlast used ${t.lastUsedAt ?? "never"}\n`,
          );
        }
      },
    );

  token
    .command("revoke")
    .description("Revoke a token: it stops working at once")
    .argument("<id>", "the token's id (from okr token list)")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (id: string, flags: { databaseUrl?: string }) => {
      const { revokeApiToken } = await import("../../app/accounts.js");
      const revoked = await withDatabase(flags.databaseUrl, (deps) =>
        revokeApiToken(deps, SYSTEM_ACTOR, id),
      );
      process.stdout.write(`Revoked ${revoked.id} '${revoked.name}'\n`);
    });
}
