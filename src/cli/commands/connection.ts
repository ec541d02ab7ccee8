/** `okr connection add|list|edit|remove`: the workspace's connections to GitLab, GitHub, Prometheus, JSON. */
import type { Command } from "commander";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { OkrError } from "../../core/errors.js";
import { withDatabase } from "./user.js";

/** A secret from the environment variable named, never from the command line (process lists show it). */
function fromEnv(variable: string | undefined, flag: string): string | undefined {
  if (variable === undefined) return undefined;
  const value = process.env[variable];
  if (!value)
    throw new OkrError(
      "invalid_input",
      `${flag}: the environment variable ${variable} is empty or unset`,
    );
  return value;
}

export function registerConnectionCommand(program: Command): void {
  const connection = program
    .command("connection")
    .description(
      "Manage connections that sources of progress read through (tokens stored encrypted)",
    );
  connection
    .command("add")
    .description(
      "Add a connection; its token is read from an environment variable and stored encrypted (OKR_SECRET_KEY)",
    )
    .requiredOption("--name <name>", "what to call it, e.g. 'GitLab'")
    .requiredOption("--kind <kind>", "gitlab, github, prometheus or http")
    .requiredOption("--base-url <url>", "e.g. https://gitlab.example.com, https://api.github.com")
    .option("--token-env <VAR>", "the environment variable holding the token")
    .option("--webhook-secret-env <VAR>", "the environment variable holding the webhook secret")
    .option("--auth-header <name>", "http connections: the header the token goes in")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(
      async (flags: {
        name: string;
        kind: string;
        baseUrl: string;
        tokenEnv?: string;
        webhookSecretEnv?: string;
        authHeader?: string;
        databaseUrl?: string;
      }) => {
        const { addConnection } = await import("../../app/connections.js");
        const token = fromEnv(flags.tokenEnv, "--token-env");
        const webhookSecret = fromEnv(flags.webhookSecretEnv, "--webhook-secret-env");
        const added = await withDatabase(flags.databaseUrl, (deps) =>
          addConnection(deps, SYSTEM_ACTOR, {
            name: flags.name,
            kind: flags.kind,
            baseUrl: flags.baseUrl,
            ...(token ? { token } : {}),
            ...(webhookSecret ? { webhookSecret } : {}),
            ...(flags.authHeader ? { authHeader: flags.authHeader } : {}),
          }),
        );
        process.stdout.write(`Added ${added.id}\t${added.name}\t${added.kind}\t${added.baseUrl}\n`);
      },
    );
  connection
    .command("list")
    .description("List connections with their last success and last error (never their tokens)")
    .option("--json", "print JSON")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (flags: { json?: boolean; databaseUrl?: string }) => {
      const { listConnections } = await import("../../app/connections.js");
      const list = await withDatabase(flags.databaseUrl, (deps) =>
        listConnections(deps, SYSTEM_ACTOR),
      );
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      if (list.length === 0) process.stdout.write("No connections.\n");
      for (const c of list) {
        const error = c.lastError ? `last error ${c.lastErrorAt}: ${c.lastError}` : "no errors";
        process.stdout.write(
          `${c.id}\t${c.name}\t${c.kind}\t${c.baseUrl}\t${c.hasToken ? "token set" : "no token"}\t${c.sources} sources (${c.failingSources} failing)\t${error}\n`,
        );
      }
    });
  connection
    .command("edit <connection>")
    .description(
      "Change a connection (by id or name): name, base URL, header, token or webhook secret; its sources keep reading through it",
    )
    .option("--name <name>", "a new name")
    .option("--base-url <url>", "a new base URL")
    .option("--token-env <VAR>", "the environment variable holding the new token")
    .option("--clear-token", "remove the token")
    .option("--webhook-secret-env <VAR>", "the environment variable holding the new webhook secret")
    .option("--auth-header <name>", "http connections: the header the token goes in")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(
      async (
        which: string,
        flags: {
          name?: string;
          baseUrl?: string;
          tokenEnv?: string;
          clearToken?: boolean;
          webhookSecretEnv?: string;
          authHeader?: string;
          databaseUrl?: string;
        },
      ) => {
        const { updateConnection } = await import("../../app/connections.js");
        if (flags.clearToken && flags.tokenEnv)
          throw new OkrError("invalid_input", "--clear-token and --token-env: give one of them");
        const token = flags.clearToken ? null : fromEnv(flags.tokenEnv, "--token-env");
        const webhookSecret = fromEnv(flags.webhookSecretEnv, "--webhook-secret-env");
        const changed = await withDatabase(flags.databaseUrl, (deps) =>
          updateConnection(deps, SYSTEM_ACTOR, which, {
            ...(flags.name !== undefined ? { name: flags.name } : {}),
            ...(flags.baseUrl !== undefined ? { baseUrl: flags.baseUrl } : {}),
            ...(token !== undefined ? { token } : {}),
            ...(webhookSecret !== undefined ? { webhookSecret } : {}),
            ...(flags.authHeader !== undefined ? { authHeader: flags.authHeader } : {}),
          }),
        );
        process.stdout.write(
          `Changed ${changed.id}\t${changed.name}\t${changed.kind}\t${changed.baseUrl}\t${changed.hasToken ? "token set" : "no token"}\n`,
        );
      },
    );
  connection
    .command("remove <connection>")
    .description("Remove a connection (by id or name) no source reads through")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (which: string, flags: { databaseUrl?: string }) => {
      const { removeConnection } = await import("../../app/connections.js");
      await withDatabase(flags.databaseUrl, (deps) => removeConnection(deps, SYSTEM_ACTOR, which));
      process.stdout.write(`Removed ${which}\n`);
    });
}
