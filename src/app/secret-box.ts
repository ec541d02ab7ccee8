/**
 * Secrets at rest (connection tokens, webhook secrets): AES-256-GCM with a key from the
 * environment (`OKR_SECRET_KEY`, 32 bytes as 64 hex characters or base64). Each secret is
 * bound to the row it belongs to (its id is the authenticated data), so a ciphertext copied
 * to another row does not open. Stored as `v1:` + base64(iv | tag | ciphertext).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { OkrError } from "../core/errors.js";

const PREFIX = "v1:";

/** The key from `OKR_SECRET_KEY`, or `invalid_config` saying how to set it. */
export function secretKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const text = env.OKR_SECRET_KEY?.trim();
  if (!text) {
    throw new OkrError(
      "invalid_config",
      "OKR_SECRET_KEY is not set: connection tokens are stored encrypted with it. Set it to 32 random bytes, e.g. `openssl rand -hex 32`, the same on every server",
    );
  }
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32) {
    throw new OkrError(
      "invalid_config",
      `OKR_SECRET_KEY must be 32 bytes (64 hex characters or base64); it is ${key.length} bytes`,
    );
  }
  return key;
}

/** Encrypts `secret` for the row `boundTo`. */
export function sealSecret(secret: string, boundTo: string, key = secretKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

/** Decrypts what `sealSecret` made for `boundTo`; `invalid_config` when the key does not fit. */
export function openSecret(sealed: string, boundTo: string, key = secretKey()): string {
  if (!sealed.startsWith(PREFIX)) {
    throw new OkrError("invalid_config", "A stored secret is in an unknown format");
  }
  const raw = Buffer.from(sealed.slice(PREFIX.length), "base64");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(boundTo, "utf8"));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new OkrError(
      "invalid_config",
      "A stored secret does not open with OKR_SECRET_KEY: was the key changed? Set the connection's token again",
    );
  }
}
