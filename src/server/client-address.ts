/**
 * The client's address. Directly connected clients are who the socket says. Behind a reverse
 * proxy every request comes from the proxy, so the address is read from X-Forwarded-For, but
 * only when the connection comes from a proxy the operator named (OKR_TRUSTED_PROXIES):
 * anyone else could write any address into that header.
 */
import { BlockList, isIP } from "node:net";
import { OkrError } from "../core/errors.js";

/** The proxies whose X-Forwarded-For is believed; empty: none (the default). */
export interface TrustedProxies {
  has(address: string): boolean;
  readonly size: number;
}

/** `::ffff:10.0.0.1` is the IPv4 address 10.0.0.1 on a dual-stack socket. */
function normalise(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped?.[1] ?? trimmed;
}

/**
 * Reads a comma-separated list of addresses and CIDR ranges (`10.0.0.0/8, ::1, 127.0.0.1`).
 * Anything else is `invalid_config` naming the entry.
 */
export function parseTrustedProxies(text: string | undefined, from = "OKR_TRUSTED_PROXIES") {
  const list = new BlockList();
  let size = 0;
  for (const raw of (text ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address = "", bits, extra] = entry.split("/");
    const family = isIP(normalise(address));
    const prefix = bits === undefined ? undefined : Number(bits);
    const maxBits = family === 6 ? 128 : 32;
    if (
      family === 0 ||
      extra !== undefined ||
      (prefix !== undefined && (!Number.isInteger(prefix) || prefix < 0 || prefix > maxBits))
    ) {
      throw new OkrError(
        "invalid_config",
        `${from}: '${entry}' is not an IP address or CIDR range (e.g. 10.0.0.0/8 or ::1)`,
      );
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(normalise(address), type);
    else list.addSubnet(normalise(address), prefix, type);
    size += 1;
  }
  return {
    size,
    has(address: string) {
      const clean = normalise(address);
      const family = isIP(clean);
      return family !== 0 && list.check(clean, family === 6 ? "ipv6" : "ipv4");
    },
  } satisfies TrustedProxies;
}

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy, the
 * right-most X-Forwarded-For entry that is not itself a trusted proxy.
 */
export function clientAddressOf(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string {
  let address = normalise(peer ?? "") || "unknown";
  if (trusted.size === 0 || !trusted.has(address) || !forwardedFor) return address;
  const hops = forwardedFor.split(",").map(normalise).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    // A hop that is not an address is where the chain can no longer be believed.
    if (isIP(hop) === 0) return address;
    address = hop;
    if (!trusted.has(hop)) return hop;
  }
  return address;
}
