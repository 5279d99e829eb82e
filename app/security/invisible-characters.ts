/**
 * Characters a person does not see but a program reads: zero-width spaces and
 * joiners, bidi controls, the soft hyphen, the byte-order mark and the Unicode
 * tag block that hides text from people but not from models. One definition,
 * Unicode's own "format" category, for both graders: a list kept by hand in
 * two places had already drifted apart.
 */
const FORMAT_CHARACTER = /\p{Cf}/u;
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** True when `ch` (one code point) is invisible. */
export function isInvisible(ch: string): boolean {
  return FORMAT_CHARACTER.test(ch);
}

export function hasInvisible(text: string): boolean {
  return FORMAT_CHARACTER.test(text);
}

export function stripInvisible(text: string): string {
  return text.replace(FORMAT_CHARACTERS, "");
}
