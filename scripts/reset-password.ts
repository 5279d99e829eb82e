/**
 * For an operator: gives a user a new random password and logs them out
 * everywhere. The password is printed once, to this terminal only (stdout),
 * and never logged anywhere else; hand it over and have them change it.
 *
 *   npm run user:reset-password -- NAME
 */
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { setPassword } from "../app/auth/users.server";

/** 20 random characters from a readable alphabet (no 0/O, 1/l/I): about 113 bits. */
export function oneTimePassword(): string {
  const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(40);
  let out = "";
  // Rejection sampling keeps every character equally likely.
  for (const byte of bytes) {
    if (byte < alphabet.length * Math.floor(256 / alphabet.length)) out += alphabet[byte % alphabet.length];
    if (out.length === 20) break;
  }
  if (out.length < 20) return oneTimePassword();
  return out;
}

async function main() {
  const { positionals } = parseArgs({ allowPositionals: true });
  const [username] = positionals;
  if (!username || positionals.length > 1) {
    console.error("Usage: npm run user:reset-password -- USERNAME");
    process.exit(2);
  }
  const password = oneTimePassword();
  if (!(await setPassword(username, password))) {
    console.error(`No user named ${JSON.stringify(username)}.`);
    process.exit(1);
  }
  process.stdout.write(
    `New password for ${username} (shown once; every session of theirs has been ended):\n${password}\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
