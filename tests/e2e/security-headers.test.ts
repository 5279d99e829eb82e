import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, test } from "vitest";
import { startServer, type RunningServer } from "../utils/production-server";
import { browserForThisFile, signUp, uniqueUsername, waitForTheTimerToTick } from "./browser";

const baseURL = inject("baseURL");
const browser = browserForThisFile();

const EXPECTED_DIRECTIVES = [
  "default-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
];

function directives(csp: string | null): Map<string, string> {
  const entries = (csp ?? "")
    .split(";")
    .map((d) => d.trim())
    .filter(Boolean);
  return new Map(entries.map((d) => [d.split(" ")[0]!, d]));
}

/** The headers every response gets, whatever served it: a page, data, a resource route or a file. */
function expectSecurityHeaders(response: Response): string {
  const csp = response.headers.get("Content-Security-Policy");
  const policy = directives(csp);
  for (const directive of EXPECTED_DIRECTIVES)
    expect(policy.get(directive.split(" ")[0]!)).toBe(directive);
  const scriptSrc = policy.get("script-src") ?? "";
  expect(scriptSrc).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' *$/);
  // Plain http on loopback must keep working; no inline script or style escape hatches.
  expect(csp).not.toMatch(/upgrade-insecure-requests|unsafe-inline|unsafe-eval|\*/);
  expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(response.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("X-Frame-Options")).toBe("DENY");
  expect(response.headers.get("X-Powered-By")).toBeNull();
  return /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
}

describe("headers on every kind of response", () => {
  test("a page: the CSP nonce is fresh per response and on every inline and module script", async () => {
    const first = await fetch(`${baseURL}/login`);
    const second = await fetch(`${baseURL}/login`);
    const nonce = expectSecurityHeaders(first);
    expect(expectSecurityHeaders(second)).not.toBe(nonce);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(1);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/\sstyle="/);
  });

  test("data requests, resource routes, 404s, and static files", async () => {
    const html = await (await fetch(`${baseURL}/login`)).text();
    const asset = /\/build\/[\w./-]+-[A-Z0-9]{8}\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const hashed = await fetch(`${baseURL}${asset}`);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");

    const favicon = await fetch(`${baseURL}/favicon.svg`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get("Cache-Control")).toBe("public, max-age=3600");

    const missingAsset = await fetch(`${baseURL}/build/no-such-file-ABCDEFGH.js`);
    expect(missingAsset.status).toBe(404);

    const responses = {
      hashed,
      favicon,
      missingAsset,
      data: await fetch(`${baseURL}/login.data`),
      resource: await fetch(`${baseURL}/healthz`),
      notFound: await fetch(`${baseURL}/no-such-page`),
      redirect: await fetch(`${baseURL}/history`, { redirect: "manual" }),
    };
    expect(responses.data.status).toBe(200);
    expect(responses.resource.status).toBe(200);
    expect(responses.notFound.status).toBe(404);
    expect(responses.redirect.status).toBe(302);
    for (const response of Object.values(responses)) expectSecurityHeaders(response);
  });
});

describe("a cross-site form post is refused and does nothing", () => {
  const PASSWORD = "correct horse battery staple";
  const form = (path: string, fields: Record<string, string>, origin: string, cookie?: string) =>
    fetch(`${baseURL}${path}`, {
      method: "POST",
      headers: {
        Origin: origin,
        "Content-Type": "application/x-www-form-urlencoded",
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: new URLSearchParams(fields),
      redirect: "manual",
    });

  function expectRefused(response: Response) {
    expect(response.status).toBe(403);
    expect(response.headers.get("Set-Cookie")).toBeNull();
  }

  test("as a page post and as a data request", async () => {
    const username = uniqueUsername("csrf");
    for (const path of ["/signup", "/signup.data"]) {
      expectRefused(await form(path, { username, password: PASSWORD }, "https://evil.example"));
    }
    // No account was created: logging in with it fails.
    expect((await form("/login", { username, password: PASSWORD }, baseURL)).status).toBe(400);
  });

  test("a signed-in user's session survives a cross-site logout, and no round is started", async () => {
    const username = uniqueUsername("victim");
    const signedUp = await form("/signup", { username, password: PASSWORD }, baseURL);
    expect(signedUp.status).toBe(302);
    const cookie = signedUp.headers.get("Set-Cookie")!.split(";")[0]!;
    expectRefused(await form("/logout", {}, "https://evil.example", cookie));
    expectRefused(
      await form(
        "/rounds/new",
        { band: "3-5", count: "1", kinds: "concept" },
        "https://evil.example",
        cookie,
      ),
    );
    const history = await fetch(`${baseURL}/history`, {
      headers: { Cookie: cookie },
      redirect: "manual",
    });
    expect(history.status).toBe(200);
    expect(await history.text()).toContain("No rounds yet");
  });
});

/** Collects CSP violations (as the page sees them, and as Chromium logs them) and console errors. */
async function watchPage(page: Page) {
  const violations: string[] = [];
  const errors: string[] = [];
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  // Init scripts are injected by the browser, outside the page's CSP.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${location.pathname} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    else errors.push(msg.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { violations, errors };
}

describe("in the browser", () => {
  test("no page breaks the policy, and the app still hydrates and navigates client-side", async () => {
    const page = await browser().newPage();
    const { violations, errors } = await watchPage(page);

    await page.goto(`${baseURL}/login`);
    await expect.poll(() => page.getByRole("heading", { name: "Log in" }).isVisible()).toBe(true);
    await signUp(page, baseURL, uniqueUsername("csp"));
    await expect
      .poll(() => page.getByRole("heading", { name: "Start a practice round" }).isVisible())
      .toBe(true);

    // A client-side navigation keeps the window (a full page load would drop this marker).
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = "still here"));
    await page.getByRole("link", { name: "History" }).click();
    await page.waitForURL("**/history");
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { marker?: string }).marker))
      .toBe("still here");

    // The answer page: the countdown runs (script executed under the policy).
    await page.getByRole("link", { name: "New round" }).click();
    await page.waitForURL("**/rounds/new");
    await page.getByLabel("concept").check();
    await page.getByLabel("Number of questions").fill("1");
    await page.getByRole("button", { name: "Start round" }).click();
    await page.waitForURL(/\/questions\/1$/);
    await waitForTheTimerToTick(page, 5000);

    // Draft saving is a same-origin fetch; submitting posts a form.
    await page
      .getByLabel("Your answer")
      .fill("REST names resources with URIs, and GET is idempotent so it is safe to retry.");
    await expect.poll(() => page.getByText(/Draft saved/).count()).toBe(1);
    await page.getByRole("button", { name: "Submit answer" }).click();
    await page.getByRole("link", { name: "See the round report" }).click();
    await page.waitForURL(/\/report$/);
    await expect
      .poll(() => page.getByRole("heading", { name: "Round report" }).isVisible())
      .toBe(true);

    // A full reload of a chart page and of the report (document requests, not client navigations).
    for (const url of [page.url(), `${baseURL}/progress`, `${baseURL}/`]) {
      await page.goto(url);
      await page.waitForLoadState("load");
    }
    // Logging out posts a form from the header.
    await page.getByRole("button", { name: "Log out" }).click();
    await expect.poll(() => page.getByRole("link", { name: "Log in" }).isVisible()).toBe(true);

    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("the LLM grade streams in (server-sent events) without a violation", async () => {
    const mockedBaseURL = inject("mockedBaseURL");
    const page = await browser().newPage();
    const { violations, errors } = await watchPage(page);
    await signUp(page, mockedBaseURL, uniqueUsername("stream"));
    await page.getByLabel("REST API").check();
    await page.getByLabel("Number of questions").fill("1");
    await page.getByRole("button", { name: "Start round" }).click();
    await page.waitForURL(/\/questions\/1$/);
    // The streamed preview may last only a moment before the stored grade replaces it: record that it appeared.
    await page.evaluate(() => {
      const seen = () => document.querySelector(".live-criteria li") !== null;
      new MutationObserver(() => {
        if (seen()) document.documentElement.dataset.sawLiveCriteria = "yes";
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page
      .getByLabel("Your answer")
      .fill(
        "REST exposes resources named by URIs; GET is idempotent, so a client can retry it safely.",
      );
    await page.getByRole("button", { name: "Submit answer" }).click();
    await expect
      .poll(
        async () =>
          (await page.getByText(/Graded by gpt-4o-mini/).isVisible()) ||
          `not graded yet; status: ${await page.getByRole("status").allTextContents()}`,
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(await page.locator("html").getAttribute("data-saw-live-criteria")).toBe("yes");
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a link on another site to an unopened question starts no clock: the user starts it on our page", async () => {
    const context = await browser().newContext();
    let page = await context.newPage();
    await signUp(page, baseURL, uniqueUsername("xsite"));
    await page.getByLabel("concept").check();
    await page.getByLabel("Number of questions").fill("2");
    await page.getByRole("button", { name: "Start round" }).click();
    await page.waitForURL(/\/questions\/1$/);
    const second = page.url().replace(/1$/, "2");

    // Another site's page in the same browser, signed-in cookie and all (a fresh tab's
    // about:blank has an opaque origin, so following its link is a cross-site navigation).
    await page.close();
    page = await context.newPage();
    await page.setContent(`<a href="${second}">Read this</a>`);
    await page.getByRole("link", { name: "Read this" }).click();
    await page.waitForURL(`${second}/start`);
    expect(await page.getByRole("timer").count()).toBe(0);
    expect(await page.getByRole("textbox", { name: "Your answer" }).count()).toBe(0);

    await page.getByRole("button", { name: "Start the clock" }).click();
    await page.waitForURL(second);
    await expect.poll(() => page.getByRole("timer").isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("textbox", { name: "Your answer" }).isVisible()).toBe(true);
    await context.close();
  });

  test("another site cannot frame the app", async () => {
    const page = await browser().newPage();
    const response = page.waitForResponse((r) => r.url() === `${baseURL}/login`);
    // Chromium's own word that it refused to show the page in the frame.
    const refused = page.waitForEvent("console", (msg) => /frame-ancestors 'none'/.test(msg.text()));
    await page.setContent(`<iframe src="${baseURL}/login" title="framed"></iframe>`);
    const headers = (await response).headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect((await refused).type()).toBe("error");
    const framed = page.frames().find((f) => f.url().startsWith(baseURL));
    const heading = framed ? await framed.locator("h1").count() : 0;
    expect(heading).toBe(0);
    await page.close();
  });
});

describe("login and sign-up limits, through the real server", () => {
  const buildDir = inject("buildDir");
  const dir = mkdtempSync(path.join(tmpdir(), "rehearse-limits-"));
  const servers: RunningServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function serve(env: Record<string, string>): Promise<string> {
    const server = await startServer(buildDir, {
      GRADER: "offline",
      DATABASE_PATH: path.join(dir, `${servers.length}.db`),
      LOGIN_ATTEMPTS_PER_IP: "4",
      LOGIN_FAILURES_PER_USERNAME: "100",
      SIGNUPS_PER_IP: "100",
      ...env,
    });
    servers.push(server);
    return server.baseURL;
  }

  /** A login form post, as a page request (no JavaScript) or as the data request the hydrated form makes. */
  const login = (base: string, username: string, forwardedFor?: string, url = "/login") =>
    fetch(`${base}${url}`, {
      method: "POST",
      headers: {
        Origin: base,
        "Content-Type": "application/x-www-form-urlencoded",
        ...(forwardedFor ? { "X-Forwarded-For": forwardedFor } : {}),
      },
      body: new URLSearchParams({ username, password: "wrong password!" }),
      redirect: "manual",
    });

  test("counted per connection address; X-Forwarded-For is ignored unless TRUST_PROXY is set", async () => {
    const base = await serve({});
    for (let i = 0; i < 4; i += 1)
      expect((await login(base, `guess${i}`, `198.51.100.${i}`)).status).toBe(400);
    const limited = await login(base, "guess-again", "198.51.100.99");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(14 * 60);
    const html = await limited.text();
    expect(html).toContain("Too many attempts. Try again in 15 minutes.");
    expect(html).toContain('value="guess-again"');
    const asData = await login(base, "guess-again", undefined, "/login.data");
    expect(asData.status).toBe(429);
    expect(Number(asData.headers.get("Retry-After"))).toBeGreaterThan(14 * 60);
  });

  test("behind a trusted proxy, each forwarded client has its own count", async () => {
    const base = await serve({ TRUST_PROXY: "1" });
    for (let i = 0; i < 4; i += 1)
      expect((await login(base, `proxied${i}`, "198.51.100.7")).status).toBe(400);
    expect((await login(base, "proxied-again", "198.51.100.7")).status).toBe(429);
    expect((await login(base, "proxied-other", "198.51.100.8")).status).toBe(400);
  });

  test("the form says so, keeps the username, and reads as an alert", async () => {
    const base = await serve({ LOGIN_FAILURES_PER_USERNAME: "2", LOGIN_ATTEMPTS_PER_IP: "100" });
    const page = await browser().newPage();
    const username = uniqueUsername("locked");
    await signUp(page, base, username);
    await page.getByRole("button", { name: "Log out" }).click();
    await expect.poll(() => page.getByRole("link", { name: "Log in" }).isVisible()).toBe(true);
    for (let i = 0; i < 3; i += 1) {
      await page.goto(`${base}/login`);
      await page.getByLabel("Username").fill(username);
      await page
        .getByLabel("Password")
        .fill(i < 2 ? "wrong password!" : "correct horse battery staple");
      await page.getByRole("button", { name: "Log in" }).click();
      await expect.poll(() => page.getByRole("alert").count()).toBe(1);
    }
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toBe("Too many attempts. Try again in 15 minutes.");
    expect(await page.getByLabel("Username").inputValue()).toBe(username);
    expect(page.url()).toBe(`${base}/login`);
    await page.close();
  });
});
