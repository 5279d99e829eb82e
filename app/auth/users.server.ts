import { and, eq, ne } from "drizzle-orm";
import { sessions, users } from "../../db/schema";
import { getDb } from "~/db.server";
import { hashPassword, verifyPassword } from "./password.server";

export async function createUser(username: string, password: string) {
  const passwordHash = await hashPassword(password);
  const db = getDb();
  // The unique index decides races between two sign-ups for one name.
  const inserted = db.insert(users).values({ username, passwordHash }).onConflictDoNothing().returning().get();
  return inserted ?? null;
}

export async function verifyLogin(username: string, password: string) {
  const user = getDb().select().from(users).where(eq(users.username, username)).get();
  if (!user) {
    // Spend the same time as a real check, so response time does not reveal which names exist.
    await verifyPassword(password, await dummyHash());
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? user : null;
}

/**
 * Sets a user's password and ends every session they have: whoever knew the
 * old password (or holds an old cookie) is logged out. `keepSessionId` spares
 * one (the browser the user changed it in). False when no such user.
 */
export async function setPassword(
  username: string,
  password: string,
  { keepSessionId }: { keepSessionId?: string | null } = {},
): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return getDb().transaction((tx) => {
    const user = tx.update(users).set({ passwordHash }).where(eq(users.username, username)).returning({ id: users.id }).get();
    if (!user) return false;
    const others = keepSessionId ? ne(sessions.id, keepSessionId) : undefined;
    tx.delete(sessions).where(and(eq(sessions.userId, user.id), others)).run();
    return true;
  });
}

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword("not-a-real-password"));
