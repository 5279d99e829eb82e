import type { SubmissionResult } from "@conform-to/react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { loader as indexLoader } from "~/routes/stories._index/route";
import {
  action as deleteAction,
  loader as deleteLoader,
} from "~/routes/stories.$storyId.delete/route";
import { action as editAction, loader as editLoader } from "~/routes/stories.$storyId.edit/route";
import { loader as viewLoader } from "~/routes/stories.$storyId._index/route";
import {
  action as practiseAction,
  loader as practiseLoader,
} from "~/routes/stories.$storyId.practise/route";
import { action as newAction, loader as newLoader } from "~/routes/stories.new/route";
import { noticesAfter } from "../utils/notices";
import { createSignedInUser, get, post, run } from "../utils/routes";
import type { TestUser } from "../utils/review";
import { STORY_FORM, storyCount, storyRow, writeStory } from "../utils/stories";

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

type Form = Record<string, string | string[]>;
const create = (who: TestUser, form: Form, origin?: string) =>
  run(newAction, post("/stories/new", form, { cookie: who.cookie, origin }));
const edit = (who: TestUser, storyId: string, form: Form, origin?: string) =>
  run(editAction, post(`/stories/${storyId}/edit`, form, { cookie: who.cookie, origin }), {
    storyId,
  });

type Rejected = SubmissionResult<string[]>;

/** The messages about a field or any item of it (a list's third value is `skills[2]`). */
const errorsAbout = (body: Rejected, field: string) =>
  Object.entries(body.error ?? {})
    .filter(([name]) => name === field || name.startsWith(`${field}[`))
    .flatMap(([, messages]) => messages ?? []);

/** A value as a form shows it again: a one-item list posts as one value, an empty box as none. */
const shown = (value: unknown) => [value ?? ""].flat().filter((v) => v !== "");

describe("creating a story", () => {
  test("signed out: the pages send you to log in and nothing is saved", async () => {
    expect((await run(indexLoader, get("/stories"))).location).toMatch(
      /^\/login\?redirectTo=%2Fstories/,
    );
    const outcome = await run(newAction, post("/stories/new", STORY_FORM));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/login/);
  });

  test("saves the trimmed fields, merges your own competencies, and shows the story", async () => {
    const outcome = await create(alice, {
      ...STORY_FORM,
      title: "  Checkout outage  ",
      ownCompetencies: " On call, hiring,, incident ",
      skills: ["devops", "devops"],
    });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/stories\/[0-9a-f-]{36}$/);
    const id = outcome.location!.split("/")[2]!;
    expect(storyRow(id)).toMatchObject({
      userId: alice.user.id,
      title: "Checkout outage",
      situation: STORY_FORM.situation,
      metric: STORY_FORM.metric,
      competencies: ["incident", "ownership", "on-call", "hiring"],
      skills: ["devops"],
    });
    expect(await noticesAfter(outcome, alice.cookie)).toEqual(["The story is saved.", null]);
    const page = await run(viewLoader, get(`/stories/${id}`, alice.cookie), { storyId: id });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({
      story: { id, title: "Checkout outage" },
      flags: [],
      usage: { uses: 0 },
    });
  });

  test("only a title is required; empty parts are flagged, not refused", async () => {
    const id = await writeStory(alice, {
      situation: "",
      task: "",
      action: "",
      result: "",
      metric: "",
      competencies: [],
      skills: [],
    });
    const page = await run(viewLoader, get(`/stories/${id}`, alice.cookie), { storyId: id });
    const flags = (page.data as { flags: Array<{ id: string }> }).flags.map((f) => f.id);
    expect(flags).toEqual([
      "missing-situation",
      "missing-task",
      "missing-action",
      "missing-result",
    ]);
  });

  test("fields at their limits are accepted", async () => {
    const id = await writeStory(alice, {
      title: "t".repeat(120),
      action: "a".repeat(4000),
      metric: "m".repeat(200),
      ownCompetencies: `${"x".repeat(40)}`,
    });
    expect(storyRow(id)?.title).toHaveLength(120);
    expect(storyRow(id)?.competencies).toContain("x".repeat(40));
  });

  const thirteen = Array.from({ length: 13 }, (_, i) => `own-${i}`);
  test.each<[string, Form, string]>([
    ["no title field", { ...STORY_FORM, title: undefined as unknown as string }, "title"],
    ["an empty title", { ...STORY_FORM, title: "" }, "title"],
    ["a whitespace title", { ...STORY_FORM, title: "  \n\t " }, "title"],
    ["a title over 120 characters", { ...STORY_FORM, title: "t".repeat(121) }, "title"],
    [
      "a situation over 4,000 characters",
      { ...STORY_FORM, situation: "s".repeat(4001) },
      "situation",
    ],
    ["a task over 4,000 characters", { ...STORY_FORM, task: "s".repeat(4001) }, "task"],
    ["an action over 4,000 characters", { ...STORY_FORM, action: "a".repeat(4001) }, "action"],
    ["a result over 4,000 characters", { ...STORY_FORM, result: "r".repeat(4001) }, "result"],
    ["a metric over 200 characters", { ...STORY_FORM, metric: "9".repeat(201) }, "metric"],
    [
      "your own competency in a bad format",
      { ...STORY_FORM, ownCompetencies: "on_call!" },
      "ownCompetencies",
    ],
    [
      "your own competency as markup",
      { ...STORY_FORM, ownCompetencies: "<script>alert(1)</script>" },
      "ownCompetencies",
    ],
    [
      "your own competency over 40 characters",
      { ...STORY_FORM, ownCompetencies: "x".repeat(41) },
      "ownCompetencies",
    ],
    [
      "your own competencies over 300 characters",
      { ...STORY_FORM, ownCompetencies: "ab, ".repeat(80) },
      "ownCompetencies",
    ],
    [
      "a competency checkbox in a bad format",
      { ...STORY_FORM, competencies: ["Incident Response"] },
      "competencies",
    ],
    ["13 competencies", { ...STORY_FORM, competencies: thirteen }, "competencies"],
    [
      "12 ticked plus your own: over 12",
      { ...STORY_FORM, competencies: thirteen.slice(0, 12), ownCompetencies: "one-more" },
      "competencies",
    ],
    ["an unknown skill", { ...STORY_FORM, skills: ["devops", "not-a-skill"] }, "skills"],
    ["a skill in a bad format", { ...STORY_FORM, skills: ["Dev Ops"] }, "skills"],
    ["13 skills", { ...STORY_FORM, skills: Array.from({ length: 13 }, () => "devops") }, "skills"],
  ])("%s: 400 naming the field, every value kept, nothing saved", async (_name, form, field) => {
    const clean = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined));
    const outcome = await create(alice, clean);
    expect(outcome.status).toBe(400);
    const body = outcome.data as Rejected;
    expect(errorsAbout(body, field).length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(clean))
      expect(shown(body.initialValue?.[key])).toEqual(shown(value));
    expect(storyCount(alice.user.id)).toBe(0);
  });

  test("a malformed post (no fields at all, or only junk) is a 400 and saves nothing", async () => {
    expect((await create(alice, {})).status).toBe(400);
    expect((await create(alice, { junk: "x", competencies: "not an array of slugs" })).status).toBe(
      400,
    );
    expect(storyCount(alice.user.id)).toBe(0);
  });

  test("a cross-site post is refused and saves nothing", async () => {
    expect((await create(alice, STORY_FORM, "https://evil.example")).status).toBe(403);
    expect(storyCount(alice.user.id)).toBe(0);
  });

  test("the form offers the standard competencies, your own ones, and the bank's skills", async () => {
    await writeStory(alice, { ownCompetencies: "on-call" });
    const page = await run(newLoader, get("/stories/new", alice.cookie));
    const { options } = page.data as { options: { competencies: string[]; skills: string[] } };
    expect(options.competencies.slice(0, 8)).toEqual([
      "incident",
      "conflict",
      "leadership",
      "failure",
      "performance",
      "mentoring",
      "ambiguity",
      "ownership",
    ]);
    expect(options.competencies).toContain("on-call");
    expect(options.skills).toEqual(expect.arrayContaining(["devops", "incident-response"]));
    // Bob does not see Alice's own competency.
    const bobs = await run(newLoader, get("/stories/new", bob.cookie));
    expect(
      (bobs.data as { options: { competencies: string[] } }).options.competencies,
    ).not.toContain("on-call");
  });
});

describe("editing a story", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test("the form starts from the story; a valid post saves it and moves updatedAt", async () => {
    const id = await writeStory(alice);
    const before = storyRow(id)!;
    const page = await run(editLoader, get(`/stories/${id}/edit`, alice.cookie), { storyId: id });
    expect(page.data).toMatchObject({
      values: {
        title: STORY_FORM.title,
        competencies: ["incident", "ownership"],
        skills: ["devops"],
      },
    });
    // A minute later, by a controlled clock: the edit must move updatedAt.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(before.updatedAt.getTime() + 60_000);
    const outcome = await edit(alice, id, {
      ...STORY_FORM,
      title: "Renamed",
      result: "Errors went back to normal.",
      metric: "",
    });
    expect(outcome).toMatchObject({ status: 302, location: `/stories/${id}` });
    expect(await noticesAfter(outcome, alice.cookie)).toEqual(["The story is saved.", null]);
    const after = storyRow(id)!;
    expect(after).toMatchObject({
      title: "Renamed",
      result: "Errors went back to normal.",
      metric: "",
    });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect(after.createdAt).toEqual(before.createdAt);
    const view = await run(viewLoader, get(`/stories/${id}`, alice.cookie), { storyId: id });
    expect((view.data as { flags: Array<{ id: string }> }).flags.map((f) => f.id)).toEqual([
      "no-number",
    ]);
  });

  test.each<[string, Form]>([
    ["an empty title", { ...STORY_FORM, title: "" }],
    ["a whitespace title", { ...STORY_FORM, title: "   " }],
    ["an action over its limit", { ...STORY_FORM, action: "a".repeat(4001) }],
    ["a bad competency", { ...STORY_FORM, ownCompetencies: "Not!Valid" }],
  ])("%s: 400 with the values kept, the story unchanged", async (_name, form) => {
    const id = await writeStory(alice);
    const before = storyRow(id);
    const outcome = await edit(alice, id, form);
    expect(outcome.status).toBe(400);
    expect(shown((outcome.data as Rejected).initialValue?.title)).toEqual(shown(form.title));
    expect(storyRow(id)).toEqual(before);
  });

  test("a posted answerId cannot link an answer by editing", async () => {
    const id = await writeStory(alice);
    expect((await edit(alice, id, { ...STORY_FORM, answerId: "anything" })).status).toBe(302);
  });
});

describe("deleting a story", () => {
  test("asks first; a post without the confirmation deletes nothing; the confirmed one does", async () => {
    const id = await writeStory(alice);
    const page = await run(deleteLoader, get(`/stories/${id}/delete`, alice.cookie), {
      storyId: id,
    });
    expect(page.data).toMatchObject({ story: { id, title: STORY_FORM.title }, uses: 0 });
    for (const form of [
      {},
      { confirm: "" },
      { confirm: "yes" },
      { confirm: "delete".repeat(100) },
    ] as Array<Record<string, string>>) {
      const refused = await run(
        deleteAction,
        post(`/stories/${id}/delete`, form, { cookie: alice.cookie }),
        { storyId: id },
      );
      expect(refused.status).toBe(400);
      expect(storyRow(id)).toBeDefined();
    }
    const done = await run(
      deleteAction,
      post(`/stories/${id}/delete`, { confirm: "delete" }, { cookie: alice.cookie }),
      { storyId: id },
    );
    expect(done).toMatchObject({ status: 302, location: "/stories" });
    expect(await noticesAfter(done, alice.cookie)).toEqual([
      "The story was deleted. The answers that told it are still in your history.",
      null,
    ]);
    expect(storyRow(id)).toBeUndefined();
    expect(
      (await run(viewLoader, get(`/stories/${id}`, alice.cookie), { storyId: id })).status,
    ).toBe(404);
  });
});

describe("searching stories", () => {
  const search = async (who: TestUser, query: string) => {
    const outcome = await run(indexLoader, get(`/stories?${query}`, who.cookie));
    return {
      status: outcome.status,
      titles: (outcome.data as { stories: Array<{ title: string }> }).stories
        .map((s) => s.title)
        .sort(),
    };
  };

  beforeEach(async () => {
    await writeStory(alice, { title: "Checkout outage", competencies: ["incident"] });
    await writeStory(alice, {
      title: "Mentoring a junior",
      situation: "A new hire joined the PAYMENTS team.",
      competencies: ["mentoring"],
    });
    await writeStory(alice, {
      title: "100% CPU_spike",
      action: "I profiled it.",
      competencies: ["performance", "incident"],
    });
    await writeStory(bob, { title: "Bob's checkout outage", competencies: ["incident"] });
  });

  test("lists only your own stories", async () => {
    expect((await search(alice, "")).titles).toEqual([
      "100% CPU_spike",
      "Checkout outage",
      "Mentoring a junior",
    ]);
    expect((await search(bob, "")).titles).toEqual(["Bob's checkout outage"]);
  });

  test("matches the title and the STAR text, ignoring case", async () => {
    expect((await search(alice, "q=OUTAGE")).titles).toEqual(["Checkout outage"]);
    expect((await search(alice, "q=payments")).titles).toEqual(["Mentoring a junior"]);
    expect((await search(alice, "q=profiled")).titles).toEqual(["100% CPU_spike"]);
    expect((await search(alice, "q=%20%20outage%20")).titles).toEqual(["Checkout outage"]);
  });

  test("ignores case beyond A-Z too", async () => {
    await writeStory(alice, {
      title: "Zürich failover",
      result: "Ärger vermieden: ΣΥΝΟΛΟ 0 lost orders.",
      competencies: ["incident"],
    });
    for (const q of ["ZÜRICH", "zürich", "ärger", "σύνολο".normalize("NFD").replace(/\p{M}/gu, "")])
      expect((await search(alice, `q=${encodeURIComponent(q)}`)).titles, q).toEqual([
        "Zürich failover",
      ]);
    expect((await search(alice, "q=zurich")).titles).toEqual([]);
  });

  test("% and _ are plain characters, not wildcards", async () => {
    expect((await search(alice, "q=0%25%20CPU")).titles).toEqual(["100% CPU_spike"]);
    expect((await search(alice, "q=U_s")).titles).toEqual(["100% CPU_spike"]);
    // As wildcards these would match "Checkout" and "ou(tag)e".
    expect((await search(alice, "q=C%25t")).titles).toEqual([]);
    expect((await search(alice, "q=t_g")).titles).toEqual([]);
  });

  test("filters by competency, alone or with the text", async () => {
    expect((await search(alice, "competency=incident")).titles).toEqual([
      "100% CPU_spike",
      "Checkout outage",
    ]);
    expect((await search(alice, "competency=incident&q=cpu")).titles).toEqual(["100% CPU_spike"]);
    expect((await search(alice, "competency=ambiguity")).titles).toEqual([]);
  });

  test.each([
    ["a search over 100 characters", `q=${"a".repeat(101)}`],
    ["a competency in a bad format", "competency=%3Cscript%3E"],
  ])("%s is a 400 with a message", async (_name, query) => {
    const outcome = await run(indexLoader, get(`/stories?${query}`, alice.cookie));
    expect(outcome.status).toBe(400);
    const errors = (outcome.data as { errors: { fields: Record<string, string[]> } }).errors;
    expect(Object.values(errors.fields).flat().length).toBeGreaterThan(0);
  });
});

describe("another user's story", () => {
  test("is a 404 on every page and every action, and changes nothing", async () => {
    const id = await writeStory(bob);
    const before = storyRow(id);
    const params = { storyId: id };
    const as = alice.cookie;
    expect((await run(viewLoader, get(`/stories/${id}`, as), params)).status).toBe(404);
    expect((await run(editLoader, get(`/stories/${id}/edit`, as), params)).status).toBe(404);
    expect(
      (
        await run(
          editAction,
          post(`/stories/${id}/edit`, { ...STORY_FORM, title: "Hijacked" }, { cookie: as }),
          params,
        )
      ).status,
    ).toBe(404);
    expect((await run(deleteLoader, get(`/stories/${id}/delete`, as), params)).status).toBe(404);
    expect(
      (
        await run(
          deleteAction,
          post(`/stories/${id}/delete`, { confirm: "delete" }, { cookie: as }),
          params,
        )
      ).status,
    ).toBe(404);
    expect((await run(practiseLoader, get(`/stories/${id}/practise`, as), params)).status).toBe(
      404,
    );
    expect(
      (
        await run(
          practiseAction,
          post(`/stories/${id}/practise`, { intent: "practise" }, { cookie: as }),
          params,
        )
      ).status,
    ).toBe(404);
    expect(storyRow(id)).toEqual(before);
  });

  test("unknown, over-long and missing ids are 404s too", async () => {
    for (const storyId of ["00000000-0000-0000-0000-000000000000", "x".repeat(500), ""]) {
      expect(
        (await run(viewLoader, get(`/stories/${storyId}`, alice.cookie), { storyId })).status,
      ).toBe(404);
      expect(
        (
          await run(
            editAction,
            post(`/stories/${storyId}/edit`, STORY_FORM, { cookie: alice.cookie }),
            { storyId },
          )
        ).status,
      ).toBe(404);
    }
  });
});

describe("cross-site posts", () => {
  test("edit, delete and practise refuse them and change nothing", async () => {
    const id = await writeStory(alice);
    const before = storyRow(id);
    const evil = { cookie: alice.cookie, origin: "https://evil.example" };
    const params = { storyId: id };
    expect(
      (
        await run(
          editAction,
          post(`/stories/${id}/edit`, { ...STORY_FORM, title: "Forged" }, evil),
          params,
        )
      ).status,
    ).toBe(403);
    expect(
      (await run(deleteAction, post(`/stories/${id}/delete`, { confirm: "delete" }, evil), params))
        .status,
    ).toBe(403);
    expect(
      (
        await run(
          practiseAction,
          post(`/stories/${id}/practise`, { intent: "practise" }, evil),
          params,
        )
      ).status,
    ).toBe(403);
    expect(storyRow(id)).toEqual(before);
  });
});
