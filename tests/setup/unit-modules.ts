import { vi } from "vitest";

// The unit project runs its files in one worker without isolation (vitest.config.ts), so node_modules
// (wink-nlp and its model, React, zod) load once instead of once per file: about 2 min down to 15-25 s here.
// Each file still gets fresh app modules, so a file's vi.mock or module state never reaches the next one.
vi.resetModules();

// Singletons live on globalThis (@epic-web/remember) so development rebuilds keep them; the unit files
// share one globalThis, so each file starts without the previous file's clients and limiters.
delete (globalThis as { __remember_epic_web?: unknown }).__remember_epic_web;
