import { z } from "zod";

/**
 * The app's one import of zod. In the browser, zod 4 probes `new Function("")`
 * when an object schema is defined; server.js's Content-Security-Policy
 * refuses eval, and the browser reports every probe as a violation. Jitless
 * mode skips the probe. Because every module imports zod from here, this runs
 * before any schema is defined, and only on pages that ship zod at all (the
 * practice page does not; see bench/bundle.ts). The server keeps the faster
 * compiled parsers.
 */
if (typeof document !== "undefined") z.config({ jitless: true });

export { z };
