/** `okr serve`: the web app and the REST API over one database. */
import { isIP } from "node:net";
import type { Command } from "commander";
import { oidcSettingsFromEnv, resolveOidcConfig } from "../../app/oidc-config.js";
import { OkrError } from "../../core/errors.js";
import { parseTrustedProxies } from "../../server/client-address.js";
import { holdForStart } from "../../server/start-tuning.js";
import { resolveDatabaseUrl } from "../../store/database.js";
import { codeCacheState } from "../code-cache.js";

export interface ServeFlags {
  port?: string;
  host?: string;
  databaseUrl?: string;
  logLevel?: string;
  exampleData?: boolean;
  trustedProxies?: string;
  passwordSignIn?: boolean;
  oidcIssuer?: string;
  oidcClientId?: string;
  oidcClientSecret?: string;
  oidcName?: string;
  oidcDefaultRole?: string;
  oidcEmailDomain?: string;
  publicUrl?: string;
}

/** Password sign-in: off with --no-password-sign-in or OKR_PASSWORD_SIGN_IN=off. */
export function resolvePasswordSignIn(flag: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  if (flag === false) return false;
  const raw = env.OKR_PASSWORD_SIGN_IN?.trim().toLowerCase();
  if (raw === undefined || raw === "" || raw === "on" || raw === "true" || raw === "1") return true;
  if (raw === "off" || raw === "false" || raw === "0") return false;
  throw new OkrError(
    "invalid_config",
    `OKR_PASSWORD_SIGN_IN must be on or off, got '${env.OKR_PASSWORD_SIGN_IN}'`,
  );
}

/** Port from the flag, else PORT, else 8080; anything but 0–65535 is `invalid_config`. */
export function resolvePort(flag: string | undefined, env: NodeJS.ProcessEnv): number {
  const raw = flag ?? env.PORT ?? "8080";
  const from = flag !== undefined ? "--port" : env.PORT !== undefined ? "PORT" : "default";
  const port = Number(raw.trim());
  if (raw.trim() === "" || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new OkrError("invalid_config", `${from} must be a port number 0–65535, got '${raw}'`);
  }
  return port;
}

/** Host from the flag, else HOST, else undefined (all interfaces); a bad name is `invalid_config`. */
export function resolveHost(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const raw = flag ?? env.HOST;
  if (raw === undefined) return undefined;
  const host = raw.trim();
  if (isIP(host) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host)) {
    const from = flag !== undefined ? "--host" : "HOST";
    throw new OkrError(
      "invalid_config",
      `${from} must be an IP address or a host name (e.g. 127.0.0.1), got '${raw}'`,
    );
  }
  return host;
}

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("Serve the web app and the REST API (loads example OKRs into an empty database)")
    .option("--port <port>", "port to listen on (env PORT, default 8080)")
    .option(
      "--host <host>",
      "address to listen on, e.g. 127.0.0.1 (env HOST, default all interfaces)",
    )
    .option(
      "--database-url <url>",
      "sqlite:PATH or postgres://… (env OKR_DATABASE_URL, default sqlite:./data/okr.db)",
    )
    .option(
      "--log-level <level>",
      "fatal, error, warn, info, debug, trace or silent (env OKR_LOG_LEVEL, default info)",
    )
    .option("--no-example-data", "start with an empty database instead of the example company")
    .option(
      "--trusted-proxies <list>",
      "reverse proxies whose X-Forwarded-For is believed: addresses or CIDR ranges, comma-separated (env OKR_TRUSTED_PROXIES, default none)",
    )
    .option(
      "--oidc-issuer <url>",
      "single sign-on: the OpenID provider's issuer URL (env OKR_OIDC_ISSUER)",
    )
    .option(
      "--oidc-client-id <id>",
      "single sign-on: this app's client id (env OKR_OIDC_CLIENT_ID)",
    )
    .option(
      "--oidc-client-secret <secret>",
      "single sign-on: the client secret (env OKR_OIDC_CLIENT_SECRET; prefer the variable: flags show in process lists)",
    )
    .option(
      "--oidc-name <name>",
      "the button says 'Sign in with NAME' (env OKR_OIDC_NAME, default the issuer's host)",
    )
    .option(
      "--oidc-default-role <role>",
      "role of an account made at its first single sign-on (env OKR_OIDC_DEFAULT_ROLE, default viewer)",
    )
    .option(
      "--oidc-email-domain <domains>",
      "only emails in these domains may sign on, comma-separated (env OKR_OIDC_EMAIL_DOMAIN, default any)",
    )
    .option(
      "--public-url <url>",
      "this app's address as browsers reach it, for the sign-on redirect (env OKR_PUBLIC_URL, default the request's)",
    )
    .option("--no-password-sign-in", "turn password sign-in off (env OKR_PASSWORD_SIGN_IN=off)")
    .action(async (flags: ServeFlags) => {
      const port = resolvePort(flags.port, process.env);
      const host = resolveHost(flags.host, process.env);
      const env = oidcSettingsFromEnv(process.env);
      const oidc = resolveOidcConfig({
        issuer: flags.oidcIssuer ?? env.issuer,
        clientId: flags.oidcClientId ?? env.clientId,
        clientSecret: flags.oidcClientSecret ?? env.clientSecret,
        name: flags.oidcName ?? env.name,
        defaultRole: flags.oidcDefaultRole ?? env.defaultRole,
        emailDomain: flags.oidcEmailDomain ?? env.emailDomain,
        publicUrl: flags.publicUrl ?? env.publicUrl,
      });
      const passwordSignIn = resolvePasswordSignIn(flags.passwordSignIn, process.env);
      if (!passwordSignIn && !oidc) {
        throw new OkrError(
          "invalid_config",
          "Password sign-in is off and single sign-on is not set up (OKR_OIDC_ISSUER): nobody could sign in",
        );
      }
      const trustedProxies = flags.trustedProxies ?? process.env.OKR_TRUSTED_PROXIES;
      // Checked now, so a typo stops the start with the setting's name.
      parseTrustedProxies(
        trustedProxies,
        flags.trustedProxies !== undefined ? "--trusted-proxies" : "OKR_TRUSTED_PROXIES",
      );
      // Before the server's modules load: they are most of what start-up keeps. The built
      // launcher (dist/cli/main.js) holds the same already, before V8 compiles the bundle.
      const release = holdForStart();
      // The server (and its logger) load only for this command.
      const [{ parseLogLevel }, { startServer }] = await Promise.all([
        import("../../server/logger.js"),
        import("../../server/start.js"),
      ]);
      const logLevel = parseLogLevel(flags.logLevel ?? process.env.OKR_LOG_LEVEL);
      const databaseUrl = resolveDatabaseUrl(flags.databaseUrl, process.env);
      await startServer({
        port,
        host,
        databaseUrl,
        logLevel,
        exampleData: flags.exampleData !== false,
        codeCache: codeCacheState(),
        server: {
          trustedProxies,
          passwordSignIn,
          oidc,
          metricsToken: process.env.OKR_METRICS_TOKEN ?? null,
        },
      });
      release();
    });
}
