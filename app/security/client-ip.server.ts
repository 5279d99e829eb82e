import type { AppLoadContext } from "@remix-run/node";
import { isIPv4, isIPv6 } from "node:net";

/**
 * The client's address, as server.js put it in the load context, or null when
 * there is none (a loader called directly, or a server that does not pass it).
 */
export function clientIp(context: AppLoadContext | undefined): string | null {
  const ip = context?.clientIp;
  return typeof ip === "string" && ip !== "" ? ip : null;
}

/**
 * The bucket an address is counted in. IPv4 (also when written IPv4-mapped,
 * `::ffff:1.2.3.4`) counts per address; IPv6 per /64, because one host is
 * usually handed a whole /64 and could otherwise rotate through its addresses.
 */
export function addressBucket(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(ip)) return ip;
  // A zone (fe80::1%eth0) names the interface, not the host.
  const address = ip.split("%")[0] ?? "";
  if (!isIPv6(address)) return ip;
  return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` expanded, without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const missing = 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => "0"), ...right].map((g) =>
    (Number.parseInt(g, 16) || 0).toString(16),
  );
}
