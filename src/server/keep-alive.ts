/**
 * How long an idle keep-alive connection stays open. Node closes one after 5 s, while a load
 * balancer in front keeps its idle connections to the app for 60 s (nginx's `keepalive_timeout`,
 * a cloud load balancer's idle timeout) and a browser for longer: a request sent on a connection
 * just as the server closes it fails on the client with "socket hang up" (or a 502 from the
 * balancer). So the server waits longer than any of them, and says so in `Keep-Alive: timeout=`
 * for clients that close theirs first.
 */
import type { Server } from "node:http";

/** Longer than the 60 s most load balancers and proxies keep an idle connection. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Keeps idle keep-alive connections open for {@link KEEP_ALIVE_TIMEOUT_MS}. */
export function keepConnectionsAlive(
  server: Pick<Server, "keepAliveTimeout" | "headersTimeout">,
): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // The whole request head must be in within this; it must outlast the keep-alive wait, or a
  // request arriving late on a kept connection is cut off by the head's timer instead.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
}
