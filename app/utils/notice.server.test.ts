import { createCookieSessionStorage } from "@remix-run/node";
import { describe, expect, test } from "vitest";
import {
  flashNotice,
  getNotice,
  NOTICE_TEXT_MAX,
  noticeSchema,
  redirectWithNotice,
} from "./notice.server";

/** The request the browser sends next: the cookie a response set, as name=value. */
function nextRequest(cookie: string | null): Request {
  return new Request("http://localhost/", { headers: cookie ? { Cookie: cookie } : {} });
}
const nameValue = (setCookie: string) => setCookie.split(";")[0]!;

/** The same cookie, signed with another secret: what a forger without the server's secret can make. */
async function forged(
  value: unknown,
  secret = "not-the-servers-secret-not-the-servers",
): Promise<string> {
  const storage = createCookieSessionStorage({ cookie: { name: "notice", secrets: [secret] } });
  const session = await storage.getSession();
  session.flash("notice", value);
  return nameValue(await storage.commitSession(session));
}

describe("a notice after a redirect", () => {
  test("travels in a signed, HttpOnly, SameSite=Lax cookie, and the URL stays clean", async () => {
    const response = await redirectWithNotice("/preferences", {
      type: "success",
      text: "Preferences saved.",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/preferences");
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^notice=[^;]+;/);
    expect(setCookie).toContain("Path=/");
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).not.toContain("Preferences saved");
  });

  test("round trip: the next request reads it, with its type and words", async () => {
    const response = await redirectWithNotice("/stories", { type: "success", text: "Saved." });
    const { notice, headers } = await getNotice(
      nextRequest(`__session=abc; ${nameValue(response.headers.get("Set-Cookie")!)}; tz=UTC`),
    );
    expect(notice).toMatchObject({ type: "success", text: "Saved." });
    expect(notice!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers!.get("Set-Cookie")).toMatch(/^notice=;.*Expires=Thu, 01 Jan 1970/);
  });

  test("is shown once: the page that reads it forgets it", async () => {
    const first = await getNotice(nextRequest(nameValue(await flashNotice({ text: "Once." }))));
    expect(first.notice?.text).toBe("Once.");
    // The browser applies the expired cookie: the page after that has none, and sets nothing.
    expect(await getNotice(nextRequest("__session=abc"))).toEqual({ notice: null, headers: null });
    expect(await getNotice(nextRequest(null))).toEqual({ notice: null, headers: null });
  });

  test("two notices with the same words are told apart", async () => {
    const read = async () =>
      (await getNotice(nextRequest(nameValue(await flashNotice({ text: "Saved." }))))).notice!.id;
    expect(await read()).not.toBe(await read());
  });

  test("keeps the status and headers it was given", async () => {
    const response = await redirectWithNotice(
      "/",
      { text: "Bye." },
      { status: 303, headers: { "Set-Cookie": "__session=; Max-Age=0", "X-Extra": "1" } },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("X-Extra")).toBe("1");
    expect(response.headers.getSetCookie()).toHaveLength(2);
  });
});

describe("a cookie that is not ours is no notice, never an error", () => {
  test.each([
    ["an unsigned value", async () => "notice=eyJub3RpY2UiOnsidGV4dCI6IkhpIn19"],
    ["garbage", async () => "notice=%%%not-base64%%%.sig"],
    ["an empty value", async () => "notice="],
    ["another secret's signature", async () => forged({ text: "Forged." })],
  ])("%s", async (_name, cookie) => {
    const { notice, headers } = await getNotice(nextRequest(await cookie()));
    expect(notice).toBeNull();
    // Forgotten all the same, so it is not sent with every request from now on.
    expect(headers!.get("Set-Cookie")).toMatch(/^notice=;.*Expires=Thu, 01 Jan 1970/);
  });

  test("a signed cookie whose value was altered", async () => {
    const cookie = nameValue(await flashNotice({ text: "Preferences saved." }));
    const [value, signature] = cookie.slice("notice=".length).split(".");
    const altered = `notice=${value!.slice(0, -2)}AA.${signature}`;
    expect((await getNotice(nextRequest(altered))).notice).toBeNull();
  });

  test("a correctly signed cookie holding the wrong shape", async () => {
    const secret = process.env.SESSION_SECRET!;
    for (const value of [{ text: 5 }, { text: "x".repeat(NOTICE_TEXT_MAX + 1) }, "text", null]) {
      expect((await getNotice(nextRequest(await forged(value, secret)))).notice).toBeNull();
    }
    expect(
      (await getNotice(nextRequest(await forged({ text: "Fine." }, secret)))).notice,
    ).toMatchObject({ type: "message", text: "Fine." });
  });
});

describe("the notice schema", () => {
  test("refuses oversized, empty and unknown kinds of notice", async () => {
    expect(noticeSchema.safeParse({ text: "x".repeat(NOTICE_TEXT_MAX) }).success).toBe(true);
    expect(noticeSchema.safeParse({ text: "x".repeat(NOTICE_TEXT_MAX + 1) }).success).toBe(false);
    expect(noticeSchema.safeParse({ text: "   " }).success).toBe(false);
    expect(noticeSchema.safeParse({ type: "error", text: "Hm." }).success).toBe(false);
    await expect(
      redirectWithNotice("/", { text: "x".repeat(NOTICE_TEXT_MAX + 1) }),
    ).rejects.toThrow();
  });
});
