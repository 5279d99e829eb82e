import { z } from "~/utils/zod";

export const USERNAME_MAX = 32;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const credentialsSchema = z.object({
  username: z
    .string({ error: "Username is required." })
    .trim()
    .toLowerCase()
    .min(3, "Username must be at least 3 characters.")
    .max(USERNAME_MAX, `Username must be at most ${USERNAME_MAX} characters.`)
    .regex(/^[a-z0-9_.-]+$/, "Use letters, digits, dots, dashes or underscores."),
  password: z
    .string({ error: "Password is required." })
    .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters.`)
    .max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters.`),
  redirectTo: z.string().optional(),
});
