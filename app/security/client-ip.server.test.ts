import { describe, expect, test } from "vitest";
import { addressBucket, clientIp } from "./client-ip.server";

describe("clientIp", () => {
  test("reads the address server.js put in the load context", () => {
    expect(clientIp({ clientIp: "203.0.113.5" })).toBe("203.0.113.5");
  });

  test.each([
    ["an empty context (a loader called directly)", {}],
    ["an empty address", { clientIp: "" }],
    ["no context at all", undefined],
  ])("is null for %s", (_name, context) => {
    expect(clientIp(context)).toBeNull();
  });
});

describe("addressBucket", () => {
  test.each([
    ["203.0.113.5", "203.0.113.5"],
    ["::ffff:203.0.113.5", "203.0.113.5"],
    ["::FFFF:203.0.113.5", "203.0.113.5"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["not-an-address", "not-an-address"],
  ])("%s is counted as %s", (ip, bucket) => {
    expect(addressBucket(ip)).toBe(bucket);
  });

  test("two hosts in different /64s are different buckets", () => {
    expect(addressBucket("2001:db8:1:2::1")).not.toBe(addressBucket("2001:db8:1:3::1"));
  });
});
