import { z } from "~/utils/zod";
import { PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX } from "./credential-limits";

/** The one rule for a password someone chooses: at sign-up and when changing it. */
const chosenPassword = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .min(PASSWORD_MIN, `${label} must be at least ${PASSWORD_MIN} characters.`)
    .max(PASSWORD_MAX, `${label} must be at most ${PASSWORD_MAX} characters.`);

/** A password typed to prove who you are: checked against the stored hash, never against the rules. */
const typedPassword = (required: string) =>
  z
    .string({ error: required })
    .min(1, required)
    // No stored password is longer, and scrypt is not fed megabytes.
    .max(PASSWORD_MAX, "That password is wrong.");

export const credentialsSchema = z.object({
  username: z
    .string({ error: "Username is required." })
    .trim()
    .toLowerCase()
    .min(3, "Username must be at least 3 characters.")
    .max(USERNAME_MAX, `Username must be at most ${USERNAME_MAX} characters.`)
    .regex(/^[a-z0-9_.-]+$/, "Use letters, digits, dots, dashes or underscores."),
  password: chosenPassword("Password"),
  redirectTo: z.string().optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: typedPassword("Enter your current password."),
    newPassword: chosenPassword("New password"),
  })
  .refine((form) => form.newPassword !== form.currentPassword, {
    path: ["newPassword"],
    message: "The new password must differ from the current one.",
  });

export const deleteAccountSchema = z.object({
  password: typedPassword("Enter your password to confirm."),
});

export type Credentials = z.input<typeof credentialsSchema>;
export type ChangePassword = z.input<typeof changePasswordSchema>;
export type DeleteAccount = z.input<typeof deleteAccountSchema>;
