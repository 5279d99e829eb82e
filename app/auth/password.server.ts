import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

// scrypt parameters are stored with each hash, so they can be raised later without breaking old logins.
const PRODUCTION_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
// Under vitest only, never in a server (production builds set NODE_ENV=production): a cheap cost, so the
// suite's hundreds of sign-ups take a millisecond each instead of 110 ms. Hashes carry their own cost.
const TEST_PARAMS = { N: 2 ** 10, r: 8, p: 1 } as const;
export const PARAMS =
  process.env.VITEST === "true" && process.env.NODE_ENV !== "production" ? TEST_PARAMS : PRODUCTION_PARAMS;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { ...params, maxmem: 128 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash`, base64 parts. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !N || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await derive(password, Buffer.from(salt, "base64"), { N: Number(N), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
