import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { sessions } from "../../db/schema";
import { startSession } from "~/auth/session.server";
import { verifyLogin } from "~/auth/users.server";
import { getDb } from "~/db.server";
import { oneTimePassword } from "../../scripts/reset-password";
import { createSignedInUser } from "../utils/routes";

const run = promisify(execFile);
const reset = (name: string) =>
  run("npx", ["tsx", "scripts/reset-password.ts", name], { env: { ...process.env } });

test("an operator's reset prints a new password once, and it replaces the old one and ends every session", async () => {
  const { user } = await createSignedInUser("reset");
  await startSession(user.id, "/"); // a second session, as from another device
  expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all().length).toBeGreaterThan(0);

  const { stdout, stderr } = await reset(user.username);
  const password = stdout.trim().split("\n").at(-1)!;
  expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
  expect(stderr).not.toContain(password);

  expect(await verifyLogin(user.username, password)).toMatchObject({ id: user.id });
  expect(await verifyLogin(user.username, "a long enough password")).toBeNull();
  expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toEqual([]);
}, 60_000);

test("an unknown user or no name: a message, a non-zero exit, no password printed", async () => {
  await expect(reset("nobody-by-this-name")).rejects.toMatchObject({ code: 1, stdout: "", stderr: expect.stringMatching(/No user named/) });
  await expect(run("npx", ["tsx", "scripts/reset-password.ts"], { env: { ...process.env } })).rejects.toMatchObject({
    code: 2,
    stdout: "",
  });
}, 60_000);

test("one-time passwords are 20 characters of the readable alphabet and do not repeat", () => {
  const seen = new Set(Array.from({ length: 200 }, oneTimePassword));
  expect(seen.size).toBe(200);
  for (const p of seen) expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
});

