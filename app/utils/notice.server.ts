import { randomUUID } from "node:crypto";
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { signedCookieOptions } from "~/security/cookie-options.server";
import { z } from "~/utils/zod";

/** The longest notice: a sentence or two, never a page (the cookie carries it, and the header has 4 KB). */
export const NOTICE_TEXT_MAX = 300;

/**
 * A notice after a redirect ("Preferences saved."): flashed in its own signed
 * cookie by the action, read once by the root loader and shown in the root
 * layout's live region (app/root.tsx). The id tells one notice from the next
 * with the same words, so a second "Saved." is announced again.
 */
export const noticeSchema = z.object({
  id: z.uuid().default(() => randomUUID()),
  type: z.enum(["success", "message"]).default("message"),
  text: z.string().trim().min(1).max(NOTICE_TEXT_MAX),
});

export type Notice = z.infer<typeof noticeSchema>;
export type NoticeInput = z.input<typeof noticeSchema>;

const COOKIE_NAME = "notice";
const FLASH_KEY = "notice";

/** Nothing kept, one thing flashed: read back as unknown, since a cookie is input like any other. */
type NoticeStorage = ReturnType<
  typeof createCookieSessionStorage<Record<never, never>, { [FLASH_KEY]: unknown }>
>;
let storage: NoticeStorage | undefined;
/** A session of its own; no Max-Age: it lives one page. */
function noticeStorage(): NoticeStorage {
  storage ??= createCookieSessionStorage<Record<never, never>, { [FLASH_KEY]: unknown }>({
    cookie: { name: COOKIE_NAME, ...signedCookieOptions() },
  });
  return storage;
}

/** The Set-Cookie value that flashes `notice` to the next page; a notice the schema refuses throws (a bug, not input). */
export async function flashNotice(notice: NoticeInput): Promise<string> {
  const session = await noticeStorage().getSession();
  session.flash(FLASH_KEY, noticeSchema.parse(notice));
  return noticeStorage().commitSession(session);
}

/** A redirect to `url` whose page shows `notice` once. Routes throw it, as they throw redirect(). */
export async function redirectWithNotice(
  url: string,
  notice: NoticeInput,
  init?: ResponseInit,
): Promise<Response> {
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await flashNotice(notice));
  return redirect(url, { ...init, headers });
}

const carriesNotice = new RegExp(`(?:^|;)\\s*${COOKIE_NAME}=`);

/**
 * The notice this request brings, if any, and the header that forgets it so
 * it shows once. A cookie that is unsigned, tampered with, malformed or holds
 * something the schema refuses is no notice (and is forgotten too), never an error.
 */
export async function getNotice(
  request: Request,
): Promise<{ notice: Notice | null; headers: Headers | null }> {
  const cookie = request.headers.get("Cookie");
  if (!cookie || !carriesNotice.test(cookie)) return { notice: null, headers: null };
  const session = await noticeStorage()
    .getSession(cookie)
    .catch(() => noticeStorage().getSession());
  const parsed = noticeSchema.safeParse(session.get(FLASH_KEY));
  return {
    notice: parsed.success ? parsed.data : null,
    headers: new Headers({ "Set-Cookie": await noticeStorage().destroySession(session) }),
  };
}
