/// <reference path="./oidc-provider-types.d.ts" />
/**
 * A real OpenID Connect provider (oidc-provider) for tests, on a free port of this machine.
 * Anyone signs in with any password; the login is the email (verified unless it starts with
 * "unverified"). Switches make it misbehave the ways a sign-on must survive: its codes born
 * expired, its ID tokens altered after signing, or the nonce it was sent swapped for another.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { createMemoryAdapter } from "oidc-provider/lib/adapters/memory_adapter.js";

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface Misbehaviour {
  /** Authorization codes are stored already expired: redeeming one is refused. */
  expireCodes: boolean;
  /** The ID token in a token answer has its payload changed after signing. */
  tamperIdToken: boolean;
  /** The nonce of an authorization request is replaced before the provider sees it. */
  swapNonce: boolean;
}

export interface TestOidcProvider {
  /** `http://localhost:PORT`: what the provider calls itself. */
  issuer: string;
  port: number;
  misbehave: Misbehaviour;
  /** Registers the clients and starts answering (the clients' redirect URIs are known late). */
  configure(clients: TestClient[]): void;
  close(): Promise<void>;
}

const nameOf = (email: string) =>
  (email.split("@")[0] ?? email)
    .split(/[._-]/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join(" ");

export async function startOidcProvider(): Promise<TestOidcProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end("not configured yet");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://localhost:${port}`;
  const misbehave: Misbehaviour = { expireCodes: false, tamperIdToken: false, swapNonce: false };
  const memory = createMemoryAdapter();

  return {
    issuer,
    port,
    misbehave,
    configure(clients) {
      const provider = new Provider(issuer, {
        clients: clients.map((c) => ({
          client_id: c.clientId,
          client_secret: c.clientSecret,
          redirect_uris: c.redirectUris,
          grant_types: ["authorization_code"],
          response_types: ["code"],
        })),
        adapter: (model: string) => {
          const adapter = memory(model);
          if (model !== "AuthorizationCode") return adapter;
          const upsert = adapter.upsert.bind(adapter);
          adapter.upsert = (id, payload, expiresIn) =>
            upsert(
              id,
              misbehave.expireCodes
                ? { ...payload, exp: Math.floor(Date.now() / 1000) - 60 }
                : payload,
              expiresIn,
            );
          return adapter;
        },
        async findAccount(_ctx: unknown, id: string) {
          return {
            accountId: id,
            claims: async () => ({
              sub: id,
              email: id,
              email_verified: !id.startsWith("unverified"),
              name: nameOf(id),
            }),
          };
        },
        claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
        cookies: { keys: ["test-provider-cookie-key"] },
        pkce: { required: () => true },
        features: { devInteractions: { enabled: true } },
      });
      provider.use(async (ctx, next) => {
        if (
          misbehave.swapNonce &&
          ctx.path === "/auth" &&
          ctx.method === "GET" &&
          ctx.query.nonce
        ) {
          ctx.query = { ...ctx.query, nonce: "a-nonce-from-another-sign-in" };
        }
        await next();
        const body = ctx.body as { id_token?: string } | undefined;
        if (misbehave.tamperIdToken && ctx.path === "/token" && body?.id_token) {
          const [header, payload, signature] = body.id_token.split(".");
          const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8"));
          claims.email = "mallory@example.com";
          const altered = Buffer.from(JSON.stringify(claims)).toString("base64url");
          ctx.body = { ...body, id_token: `${header}.${altered}.${signature}` };
        }
      });
      handler = provider.callback();
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
