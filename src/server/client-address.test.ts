import { describe, expect, it } from "vitest";
import { clientAddressOf, parseTrustedProxies } from "./client-address.js";

describe("the client's address behind reverse proxies", () => {
  const none = parseTrustedProxies(undefined);
  const proxies = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, ::1");

  it("is the peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddressOf("203.0.113.9", "1.2.3.4", none)).toBe("203.0.113.9");
    expect(clientAddressOf("::ffff:10.1.2.3", "1.2.3.4", none)).toBe("10.1.2.3");
  });

  it("is the right-most forwarded address that is not a trusted proxy", () => {
    expect(clientAddressOf("10.0.0.2", "198.51.100.7", proxies)).toBe("198.51.100.7");
    // The client wrote a made-up first entry; the proxies appended the real one.
    expect(clientAddressOf("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.3", proxies)).toBe(
      "198.51.100.7",
    );
    expect(clientAddressOf("::ffff:127.0.0.1", " 2001:db8::1 ", proxies)).toBe("2001:db8::1");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(clientAddressOf("203.0.113.9", "198.51.100.7", proxies)).toBe("203.0.113.9");
  });

  it("stops at an entry that is not an address", () => {
    expect(clientAddressOf("10.0.0.2", "198.51.100.7, unknown", proxies)).toBe("10.0.0.2");
  });

  it("refuses a setting that is not addresses or ranges, naming the entry", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.local")).toThrow(
      "OKR_TRUSTED_PROXIES: 'proxy.local' is not an IP address or CIDR range",
    );
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/'10.0.0.0\/33'/);
    expect(parseTrustedProxies(" , ").size).toBe(0);
  });
});
