import type { SubmissionResult } from "@conform-to/react";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { sessions, users } from "../../db/schema";
import { getDb } from "~/db.server";
import { loader as rootLoader } from "~/root";
import { action as loginAction } from "~/routes/login/route";
import { action as logoutAction } from "~/routes/logout/route";
import { action as signupAction } from "~/routes/signup/route";
import { createSignedInUser, get, post, run } from "../utils/routes";

/** No zone reported yet: the root loader says UTC, for the browser to compare with its clock. */
const UTC_DEFAULT = { utcOffset: 0, reported: false };

type Reply = SubmissionResult<string[]>;

const PASSWORD = "correct horse battery";

describe("sign up", () => {
  test("creates the user, hashes the password and starts a session", async () => {
    const result = await run(
      signupAction,
      post("/signup", { username: "Ada", password: PASSWORD }),
    );
    expect(result.status).toBe(302);
    expect(result.location).toBe("/rounds/new");
    const cookie = result.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/__session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const row = getDb().select().from(users).where(eq(users.username, "ada")).get()!;
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
    const root = await run(rootLoader, get("/", cookie.split(";")[0]));
    expect(root.data).toEqual({
      user: { username: "ada" },
      theme: null,
      timeZone: "UTC",
      zoneCheck: UTC_DEFAULT,
    });
  });

  test.each([
    ["empty", { username: "", password: "" }, "username"],
    ["whitespace username", { username: "   ", password: PASSWORD }, "username"],
    ["too-long username", { username: "a".repeat(33), password: PASSWORD }, "username"],
    ["malformed username", { username: "<script>", password: PASSWORD }, "username"],
    ["short password", { username: "bob", password: "short" }, "password"],
    ["too-long password", { username: "bob", password: "x".repeat(129) }, "password"],
    ["missing fields", {}, "username"],
  ])("rejects %s with 400, a field message and no user", async (_name, form, field) => {
    const before = getDb().select().from(users).all().length;
    const result = await run(signupAction, post("/signup", form));
    expect(result.status).toBe(400);
    const data = result.data as Reply;
    expect(data.error?.[field]?.length).toBeGreaterThan(0);
    expect(data.initialValue).not.toHaveProperty("password");
    expect(getDb().select().from(users).all().length).toBe(before);
  });

  test("a taken username (in any case) is refused", async () => {
    await run(signupAction, post("/signup", { username: "grace", password: PASSWORD }));
    const result = await run(
      signupAction,
      post("/signup", { username: "GRACE", password: PASSWORD }),
    );
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("taken");
  });

  test("a cross-site post is refused", async () => {
    const result = await run(
      signupAction,
      post(
        "/signup",
        { username: "mallory", password: PASSWORD },
        { origin: "https://evil.example" },
      ),
    );
    expect(result.status).toBe(403);
    expect(getDb().select().from(users).where(eq(users.username, "mallory")).get()).toBeUndefined();
  });

  test("an off-site redirectTo is ignored", async () => {
    const result = await run(
      signupAction,
      post("/signup", {
        username: "redirector",
        password: PASSWORD,
        redirectTo: "//evil.example/x",
      }),
    );
    expect(result.location).toBe("/rounds/new");
  });
});

describe("log in and out", () => {
  test("right password: a new session each time (rotated), redirect kept on-site", async () => {
    await run(signupAction, post("/signup", { username: "linus", password: PASSWORD }));
    const first = await run(
      loginAction,
      post("/login", { username: "Linus", password: PASSWORD, redirectTo: "/rounds/new" }),
    );
    const second = await run(
      loginAction,
      post("/login", { username: "linus", password: PASSWORD }),
    );
    expect(first.status).toBe(302);
    expect(first.location).toBe("/rounds/new");
    expect(second.location).toBe("/");
    expect(first.headers.get("Set-Cookie")).not.toBe(second.headers.get("Set-Cookie"));
  });

  test.each([
    ["wrong password", { username: "linus2", password: "wrong password!" }],
    ["unknown user", { username: "nobody", password: PASSWORD }],
    ["empty form", { username: "", password: "" }],
  ])("%s: one generic message, 400, username kept", async (_name, form) => {
    await run(signupAction, post("/signup", { username: "linus2", password: PASSWORD }));
    const result = await run(loginAction, post("/login", form));
    expect(result.status).toBe(400);
    const data = result.data as Reply;
    // The one message only: a rule's own (too short) would say which part was wrong.
    expect(data.error).toEqual({ "": ["Username or password is wrong."] });
    // An empty box comes back as no value, which the form shows as empty.
    expect(data.initialValue?.username ?? "").toBe(form.username);
    expect(data.initialValue).not.toHaveProperty("password");
  });

  test("logout deletes the session server-side and clears the cookie", async () => {
    const { user, cookie } = await createSignedInUser();
    const result = await run(logoutAction, post("/logout", {}, { cookie }));
    expect(result.status).toBe(302);
    expect(result.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toEqual([]);
    const root = await run(rootLoader, get("/", cookie));
    expect(root.data).toEqual({ user: null, theme: null, timeZone: "UTC", zoneCheck: UTC_DEFAULT });
  });

  test("login rotates the session: a new id each time, even when a session cookie is presented", async () => {
    await run(signupAction, post("/signup", { username: "rotor", password: PASSWORD }));
    const first = await run(loginAction, post("/login", { username: "rotor", password: PASSWORD }));
    const firstCookie = first.headers.get("Set-Cookie")!.split(";")[0]!;
    const second = await run(
      loginAction,
      post("/login", { username: "rotor", password: PASSWORD }, { cookie: firstCookie }),
    );
    const secondCookie = second.headers.get("Set-Cookie")!.split(";")[0]!;
    expect(secondCookie).toMatch(/^__session=.+/);
    expect(secondCookie).not.toBe(firstCookie);
    const user = getDb().select().from(users).where(eq(users.username, "rotor")).get()!;
    const ids = getDb()
      .select()
      .from(sessions)
      .where(eq(sessions.userId, user.id))
      .all()
      .map((s) => s.id);
    expect(new Set(ids).size).toBe(3); // sign-up, then two logins
  });

  test("the logout cookie is emptied and expired", async () => {
    const { cookie } = await createSignedInUser();
    const setCookie = (await run(logoutAction, post("/logout", {}, { cookie }))).headers.get(
      "Set-Cookie",
    )!;
    expect(setCookie).toMatch(/^__session=;/);
    expect(setCookie).toMatch(/Max-Age=0/i);
    expect(setCookie).toMatch(/Expires=Thu, 01 Jan 1970/i);
    expect(setCookie).toMatch(/Path=\//);
  });

  test("a forged cookie is not a session", async () => {
    const root = await run(rootLoader, get("/", "__session=forged-value"));
    expect(root.data).toEqual({ user: null, theme: null, timeZone: "UTC", zoneCheck: UTC_DEFAULT });
  });
});

describe("redirect after log-in and sign-up (issue 14, defect 3)", () => {
  const SITE = "http://localhost:3000";
  const tricks = [
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\\evil.example",
    "/\\\\evil.example",
    "//evil.example",
    "///evil.example",
    "/..//evil.example",
    "https://evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "/\u0000/evil.example",
    "/\u00a0/evil.example",
    "/\u200b/evil.example",
    "/\u2028/evil.example",
    "/%0D%0ASet-Cookie:x=y",
    "/\r\nSet-Cookie: x=y",
    "/rounds/é",
    "/rounds/漢字",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "",
  ];

  function staysOnSite(location: string | null) {
    expect(location).not.toBeNull();
    expect(location!.startsWith("/")).toBe(true);
    expect(location!.startsWith("//")).toBe(false);
    expect(location).not.toMatch(/[\\\s]/);
    expect(new URL(location!, SITE).origin).toBe(SITE);
  }

  const sessionCount = () => getDb().select().from(sessions).all().length;

  test.each(tricks)(
    "log-in with redirectTo %j stays on the site, no 500, one session",
    async (redirectTo) => {
      const { user } = await createSignedInUser("redir");
      const username = user.username;
      const before = sessionCount();
      const result = await run(
        loginAction,
        post("/login", { username, password: "a long enough password", redirectTo }),
      );
      expect(result.status).toBe(302);
      staysOnSite(result.location);
      expect(sessionCount()).toBe(before + 1);
      expect(result.headers.get("Set-Cookie")).toMatch(/__session=/);
    },
  );

  test.each(tricks)("sign-up with redirectTo %j stays on the site", async (redirectTo) => {
    const before = sessionCount();
    const username = `r${Math.random().toString(36).slice(2, 10)}`;
    const result = await run(
      signupAction,
      post("/signup", { username, password: PASSWORD, redirectTo }),
    );
    expect(result.status).toBe(302);
    staysOnSite(result.location);
    expect(sessionCount()).toBe(before + 1);
  });

  test("a plain path with a query and hash is kept", async () => {
    const { safeRedirect } = await import("~/auth/session.server");
    expect(safeRedirect("/rounds/abc/report?x=1#q2")).toBe("/rounds/abc/report?x=1#q2");
    expect(safeRedirect("/rounds/é")).toBe("/rounds/%C3%A9");
  });
});

describe("log out everywhere (issue 14, item 9)", () => {
  test("ends every session of the user, this one included; other users keep theirs", async () => {
    const { user, cookie } = await createSignedInUser("everywhere");
    const second = await run(
      loginAction,
      post("/login", { username: user.username, password: "a long enough password" }),
    );
    const otherCookie = second.headers.get("Set-Cookie")!.split(";")[0]!;
    const bystander = await createSignedInUser("bystander");
    const userSessions = () =>
      getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all().length;
    expect(userSessions()).toBe(2);

    const result = await run(logoutAction, post("/logout", { scope: "everywhere" }, { cookie }));
    expect(result.status).toBe(302);
    expect(result.headers.get("Set-Cookie")).toMatch(/__session=;/);
    expect(userSessions()).toBe(0);
    expect((await run(rootLoader, get("/", otherCookie))).data).toEqual({
      user: null,
      theme: null,
      timeZone: "UTC",
      zoneCheck: UTC_DEFAULT,
    });
    expect((await run(rootLoader, get("/", bystander.cookie))).data).toEqual({
      user: { username: bystander.user.username },
      theme: null,
      timeZone: "UTC",
      zoneCheck: UTC_DEFAULT,
    });
  });

  test("a plain log-out still ends only this session", async () => {
    const { user, cookie } = await createSignedInUser("onlyhere");
    await run(
      loginAction,
      post("/login", { username: user.username, password: "a long enough password" }),
    );
    await run(logoutAction, post("/logout", {}, { cookie }));
    expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(
      1,
    );
  });

  test("the settings page offers it as a plain form post to /logout (works without JavaScript)", async () => {
    const source = (await import("node:fs")).readFileSync("app/routes/settings/route.tsx", "utf8");
    expect(source).toMatch(/<Form method="post" action="\/logout" reloadDocument>/);
    expect(source).toMatch(/name="scope" value="everywhere"/);
  });
});
