/** What every source client is given and answers: one reading from one connection. */
import type { ConnectionKind, Reading, SourceConfig } from "../../core/sources.js";
import type { HttpOptions } from "./http.js";

/** A connection as a client uses it: its token in clear, only for the call. */
export interface ConnectionAccess {
  kind: ConnectionKind;
  baseUrl: string;
  token: string | null;
  authHeader: string | null;
}

/** Reads one kind of source. */
export interface SourceClient<C extends SourceConfig = SourceConfig> {
  read(connection: ConnectionAccess, config: C, options?: HttpOptions): Promise<Reading>;
}

/** `base` + `path`, with no doubled slash. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
