/** The lengths a username and a password may have, free of zod: the forms' pages use them without shipping the schemas (auth-forms.ts). */
export const USERNAME_MAX = 32;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
