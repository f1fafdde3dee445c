import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// AES-256-GCM with a random 96-bit IV. The sealed form is
// "keyId.iv.tag.ciphertext" (base64url parts), so the key that sealed a value is
// stored beside it and keys rotate: put a new key first, keep the old ones after it.

export class SecretBoxError extends Error {}

type Keyring = { sealKeyId: string; keys: Map<string, Buffer> };

export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  let sealKeyId: string | null = null;
  for (const part of spec.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [id, b64] = part.split(":");
    const key = Buffer.from(b64 ?? "", "base64");
    if (!id || key.length !== 32) throw new SecretBoxError(`Encryption key "${id ?? ""}" must be 32 bytes of base64.`);
    keys.set(id, key);
    sealKeyId ??= id;
  }
  if (!sealKeyId) throw new SecretBoxError("No encryption key configured.");
  return { sealKeyId, keys };
}

let cached: { spec: string; ring: Keyring } | undefined;
function keyring(): Keyring {
  const spec = env().ENCRYPTION_KEY;
  if (cached?.spec !== spec) cached = { spec, ring: parseKeyring(spec) };
  return cached.ring;
}

export function seal(plaintext: string, ring: Keyring = keyring()): { sealed: string; keyId: string } {
  const key = ring.keys.get(ring.sealKeyId);
  if (!key) throw new SecretBoxError("No encryption key configured.");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(ring.sealKeyId));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  const sealed = [ring.sealKeyId, iv.toString("base64url"), tag.toString("base64url"), body.toString("base64url")].join(".");
  return { sealed, keyId: ring.sealKeyId };
}

export function open(sealed: string, ring: Keyring = keyring()): string {
  const parts = sealed.split(".");
  if (parts.length !== 4) throw new SecretBoxError("Sealed value is malformed.");
  const [keyId, iv, tag, body] = parts as [string, string, string, string];
  const key = ring.keys.get(keyId);
  if (!key) throw new SecretBoxError(`Sealed with unknown key "${keyId}".`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("Sealed value failed authentication (tampered or wrong key).");
  }
}
