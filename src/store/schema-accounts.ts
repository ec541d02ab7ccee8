/**
 * Kysely table types of the workspace's settings, people, teams, accounts and audit trail.
 * Conventions every table follows: see schema.ts.
 */
import type { IntBool } from "./schema-columns.js";

export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
  updated_at: string;
}

export interface PeopleTable {
  id: string;
  name: string;
  /** `nameKey(name)` (core/name-key.ts): what a look-up by name compares (decisions/0059). */
  name_key: string;
  email: string | null;
  title: string | null;
  /** `nameKey(title)`, null without a title: what a look-up by role title compares. */
  title_key: string | null;
  team_id: string | null;
  created_at: string;
}

export interface TeamsTable {
  id: string;
  name: string;
  /** `nameKey(name)`: what a look-up by name compares (decisions/0059). */
  name_key: string;
  parent_id: string | null;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  insider: IntBool;
  person_id: string | null;
  password_hash: string | null;
  created_at: string;
  updated_at: string;
  /** Set while the account is disabled: no session or token of it works. */
  disabled_at: string | null;
}

export interface SessionsTable {
  /** A hash of the session secret; the secret itself lives only in the cookie. */
  id: string;
  user_id: string;
  csrf_token: string;
  expires_at: string;
  created_at: string;
  /** The browser's User-Agent when it signed in (cut to 300 characters). */
  user_agent: string | null;
  last_seen_at: string | null;
}

export interface SignInAttemptsTable {
  /** sha256 of "email|address". */
  key: string;
  window_start: string;
  count: number;
}

export interface OidcSignInsTable {
  /** sha256 of the secret in the okr_oidc cookie. */
  id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  expires_at: string;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  /** The first characters of the secret, shown in lists: `okr_ab12…`. */
  prefix: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  created_at: string;
}

/** A one-time link mailed to set a password: an invite or a reset. */
export interface AccountLinksTable {
  /** sha256 of the secret in the link. */
  id: string;
  purpose: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface AuditEventsTable {
  id: string;
  actor_id: string | null;
  actor_name: string | null;
  at: string;
  action: string;
  entity: string;
  entity_id: string;
  /** JSON text or null. */
  before: string | null;
  after: string | null;
}
