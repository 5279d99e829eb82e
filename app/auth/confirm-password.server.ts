import type { AppLoadContext } from "@remix-run/node";
import { clientIp } from "~/security/client-ip.server";
import { forgetLoginFailures, limitLoginAttempt, type Verdict } from "./rate-limit.server";
import type { SessionUser } from "./session.server";
import { verifyLogin } from "./users.server";

/**
 * Checks the password a signed-in user typed to change it or to delete the
 * account. It is a log-in attempt in all but name, so it is counted by the
 * log-in limits (before scrypt runs, as at log-in): a stolen session cookie
 * cannot be used to guess the password any faster than the log-in form allows.
 */
export async function checkOwnPassword(
  context: AppLoadContext | undefined,
  user: SessionUser,
  password: string,
): Promise<"right" | "wrong" | NonNullable<Verdict>> {
  const ip = clientIp(context);
  const limited = await limitLoginAttempt(ip, user.username);
  if (limited) return limited;
  const found = await verifyLogin(user.username, password);
  if (found?.id !== user.id) return "wrong";
  await forgetLoginFailures(ip, user.username);
  return "right";
}
