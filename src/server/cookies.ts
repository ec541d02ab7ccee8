/** The session cookie: httpOnly, SameSite=Lax, Secure when the request came over TLS. */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

export const SESSION_COOKIE = "okr_session";

/**
 * Whether the cookie is marked Secure: the request reached us over TLS, or a hop of
 * X-Forwarded-Proto says one did (a proxy that ended TLS appends `https`, after whatever the
 * client wrote). Believed from anyone, since it can only add the flag: a client that writes it
 * over plain HTTP only gets a cookie its own browser will not send back in the clear.
 */
export function isSecure(c: Context): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  const forwarded = c.req.header("x-forwarded-proto") ?? "";
  return forwarded.split(",").some((hop) => hop.trim().toLowerCase() === "https");
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** Sets (or renews) the session cookie until `expiresAt`. */
export function writeSessionCookie(c: Context, secret: string, expiresAt: string): void {
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: "Lax",
    secure: isSecure(c),
    path: "/",
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}
