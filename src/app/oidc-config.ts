/**
 * Single sign-on settings, from `okr serve` flags or environment variables. Read once at start;
 * a wrong value stops the server with `invalid_config` naming the setting.
 */
import { OkrError } from "../core/errors.js";
import type { Role } from "../core/types.js";

export interface OidcConfig {
  /** The provider's issuer URL; its discovery document is read from there. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What the sign-in button says after "Sign in with". */
  name: string;
  /** The role of an account made at its first single sign-on. */
  defaultRole: Role;
  /** Only emails in these domains may sign in (empty: any domain). */
  emailDomains: string[];
  /** This app's address as browsers reach it; default: the address of the request. */
  publicUrl: string | null;
}

/** The settings as given, each from its flag or else its environment variable. */
export interface OidcSettings {
  issuer?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  name?: string | undefined;
  defaultRole?: string | undefined;
  emailDomain?: string | undefined;
  publicUrl?: string | undefined;
}

/** The environment variable behind each setting, for messages and the README. */
export const OIDC_ENV = {
  issuer: "OKR_OIDC_ISSUER",
  clientId: "OKR_OIDC_CLIENT_ID",
  clientSecret: "OKR_OIDC_CLIENT_SECRET",
  name: "OKR_OIDC_NAME",
  defaultRole: "OKR_OIDC_DEFAULT_ROLE",
  emailDomain: "OKR_OIDC_EMAIL_DOMAIN",
  publicUrl: "OKR_PUBLIC_URL",
} as const;

/** The settings from the environment. */
export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv): OidcSettings {
  return Object.fromEntries(
    Object.entries(OIDC_ENV).map(([key, name]) => [key, env[name]]),
  ) as OidcSettings;
}

function httpUrl(value: string, setting: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OkrError("invalid_config", `${setting} must be a URL, got '${value}'`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new OkrError("invalid_config", `${setting} must be an http(s) URL, got '${value}'`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new OkrError(
      "invalid_config",
      `${setting} must use https (plain http only for localhost), got '${value}'`,
    );
  }
  return url.toString().replace(/\/$/, "");
}

/** Whether a host name is this machine: the only place plain http is allowed for sign-on. */
export function isLoopback(hostname: string): boolean {
  return /^(localhost|127(?:\.\d+){3}|\[::1\])$/i.test(hostname);
}

/** Checks the settings; null when single sign-on is not configured (no issuer). */
export function resolveOidcConfig(settings: OidcSettings): OidcConfig | null {
  const issuer = settings.issuer?.trim();
  if (!issuer) return null;
  const clientId = settings.clientId?.trim();
  const clientSecret = settings.clientSecret?.trim();
  if (!clientId || !clientSecret) {
    throw new OkrError(
      "invalid_config",
      `${OIDC_ENV.issuer} is set: set ${OIDC_ENV.clientId} and ${OIDC_ENV.clientSecret} too`,
    );
  }
  const role = (settings.defaultRole ?? "viewer").trim().toLowerCase();
  if (role !== "viewer" && role !== "editor" && role !== "admin") {
    throw new OkrError(
      "invalid_config",
      `${OIDC_ENV.defaultRole} must be viewer, editor or admin, got '${settings.defaultRole}'`,
    );
  }
  const emailDomains = (settings.emailDomain ?? "")
    .split(",")
    .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
    .filter(Boolean);
  for (const domain of emailDomains) {
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(domain)) {
      throw new OkrError(
        "invalid_config",
        `${OIDC_ENV.emailDomain}: '${domain}' is not a domain name (e.g. example.com)`,
      );
    }
  }
  const issuerUrl = httpUrl(issuer, OIDC_ENV.issuer);
  return {
    issuer: issuerUrl,
    clientId,
    clientSecret,
    name: settings.name?.trim() || new URL(issuerUrl).hostname,
    defaultRole: role,
    emailDomains,
    publicUrl: settings.publicUrl?.trim()
      ? httpUrl(settings.publicUrl.trim(), OIDC_ENV.publicUrl)
      : null,
  };
}
