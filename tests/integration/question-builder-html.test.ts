import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { practicePageFiles } from "../../bench/bundle";
import { buildApp, startServer, type RunningServer } from "../utils/production-server";
import { ownQuestion, questionBuilderForm } from "../utils/questions";

/**
 * Issue 17, bug 7, through the production server (server.js and the built
 * app) as a browser without JavaScript meets it: each builder button is a
 * document post answered with the whole page, a row more or fewer; a refused
 * save marks its field (aria-invalid, aria-describedby) beside its sentence.
 */

let server: RunningServer;
let buildDir: string;
let dataDir: string;
let cookie: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "rehearse-builder-"));
  buildDir = buildApp();
  server = await startServer(buildDir, {
    DATABASE_PATH: path.join(dataDir, "app.db"),
    SESSION_SECRET: "question-builder-secret-question-builder",
    GRADER: "offline",
  });
  const signedUp = await fetch(`${server.baseURL}/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.baseURL },
    body: new URLSearchParams({ username: "builder", password: "a long enough password" }),
    redirect: "manual",
  });
  expect(signedUp.status).toBe(302);
  cookie = signedUp.headers.get("set-cookie")!.split(";")[0]!;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(buildDir, { recursive: true, force: true });
});

async function open(pathname: string) {
  const response = await fetch(`${server.baseURL}${pathname}`, { headers: { Cookie: cookie } });
  return { status: response.status, html: await response.text() };
}

async function send(
  pathname: string,
  form: Record<string, string | string[]>,
  origin = server.baseURL,
) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form))
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  const response = await fetch(`${server.baseURL}${pathname}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: origin,
      Cookie: cookie,
    },
    body,
    redirect: "manual",
  });
  return {
    status: response.status,
    html: await response.text(),
    location: response.headers.get("location"),
  };
}

const criteriaIn = (html: string) => html.match(/<fieldset class="criterion"/g)?.length ?? 0;
/** The opening tag of the element with this id. */
const tagOf = (html: string, id: string) =>
  new RegExp(`<[a-z]+ [^>]*\\bid="${id.replace(/[[\].]/g, "\\$&")}"[^>]*>`).exec(html)?.[0] ?? "";

test("the page opens the builder, with the YAML editor one link away; neither ships zod or yaml", async () => {
  const page = await open("/questions/new");
  expect(page.status).toBe(200);
  expect(criteriaIn(page.html)).toBe(3);
  expect(page.html).toMatch(/<button[^>]*name="intent"[^>]*value="add-criterion"/);
  expect(page.html).toContain('href="/questions/new?editor=yaml"');
  const yaml = await open("/questions/new?editor=yaml");
  expect(yaml.html).toMatch(/<textarea[^>]*name="rubric"/);
  expect(criteriaIn(yaml.html)).toBe(0);

  for (const route of ["routes/questions.new", "routes/questions.custom.$slug.edit"]) {
    const shipped = practicePageFiles(buildDir, route).map((file) => file.holds);
    expect(
      shipped.filter((holds) => /\bzod\b|\byaml\b/.test(holds)),
      route,
    ).toEqual([]);
  }
});

test("Add criterion is a post answered with the page and one more row, the typed values in it", async () => {
  const form = questionBuilderForm(ownQuestion("html-add"), { intent: "add-criterion" });
  const added = await send("/questions/new", form);
  expect(added.status).toBe(200);
  expect(criteriaIn(added.html)).toBe(5);
  expect(added.html).toContain(`value="${ownQuestion("html-add").rubric[3]!.name}"`);
  expect(tagOf(added.html, "question-builder-criteria[4].name")).toContain("autofocus");

  const removed = await send("/questions/new", { ...form, intent: "remove-criterion:0" });
  expect(removed.status).toBe(200);
  expect(criteriaIn(removed.html)).toBe(3);
  expect(removed.html).not.toContain(`value="${ownQuestion("html-add").rubric[0]!.name}"`);
  // Nothing was saved: the id is still free.
  expect((await open("/questions/custom-html-add")).status).toBe(404);
});

test("a refused save marks the field, points to its sentence, and keeps every value", async () => {
  const form = questionBuilderForm(ownQuestion("html-refused"), { "criteria[1].name": "" });
  const refused = await send("/questions/new", form);
  expect(refused.status).toBe(400);
  const input = tagOf(refused.html, "question-builder-criteria[1].name");
  expect(input).toContain('aria-invalid="true"');
  expect(input).toContain('aria-describedby="question-builder-criteria[1].name-error"');
  expect(tagOf(refused.html, "question-builder-criteria[1].name-error")).toContain('role="alert"');
  expect(refused.html).toContain("Criterion 2: write the criterion&#x27;s name.");
  expect(refused.html).toContain('href="#question-builder-criteria[1].name"');
  expect(tagOf(refused.html, "builder-problems")).toContain("autofocus");
  expect(refused.html).toContain(`value="${ownQuestion("html-refused").rubric[0]!.name}"`);

  const saved = await send("/questions/new", questionBuilderForm(ownQuestion("html-refused")));
  expect(saved.status).toBe(302);
  expect(saved.location).toBe("/questions/custom-html-refused");
});

test("a cross-site post is refused by the server before Remix sees it", async () => {
  const form = questionBuilderForm(ownQuestion("html-sneaky"));
  const crossSite = await send("/questions/new", form, "https://evil.example");
  expect(crossSite.status).toBe(403);
  expect((await open("/questions/custom-html-sneaky")).status).toBe(404);
});
