/** How big a question pack may be; zod-free so the import page can show it without shipping zod. */
export const PACK_QUESTIONS_MAX = 200;
export const PACK_BYTES_MAX = 512 * 1024;
