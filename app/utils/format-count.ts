/**
 * 12,345: a count with its thousands grouped, the one way the app writes numbers.
 * Not toLocaleString: the first Intl call in a page starts ICU, about 40 ms of a
 * phone's main thread (160 ms in Lighthouse's mobile run), and the practice page
 * would pay it while hydrating just to write "0 / 10,000 characters".
 */
export function formatCount(value: number): string {
  const [whole = "", fraction] = String(value).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
