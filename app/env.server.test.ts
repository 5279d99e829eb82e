import { afterEach, describe, expect, test } from "vitest";
import { getEnv, resetEnvForTests } from "./env.server";

const saved = { ...process.env };

function envWith(vars: Record<string, string>) {
  Object.assign(process.env, vars);
  resetEnvForTests();
  return getEnv();
}

afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  resetEnvForTests();
});

describe("TRUST_PROXY", () => {
  test("unset: nobody is believed about the client's address", () => {
    delete process.env.TRUST_PROXY;
    resetEnvForTests();
    expect(getEnv().TRUST_PROXY).toBe(false);
  });

  test.each([
    ["", false],
    ["false", false],
    ["0", false],
    ["1", 1],
    ["2", 2],
    ["loopback", ["loopback"]],
    ["loopback, 10.0.0.0/8 ,fd00::/8", ["loopback", "10.0.0.0/8", "fd00::/8"]],
    ["192.0.2.1", ["192.0.2.1"]],
  ])("%j is %j", (value, expected) => {
    expect(envWith({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  test.each([
    "true",
    "yes",
    "10",
    "10.0.0.0/33",
    "fd00::/129",
    "10.0.0.0/8/1",
    "example.com",
    "loopback,",
    "*",
  ])("%j is refused at start, naming the variable", (value) => {
    expect(() => envWith({ TRUST_PROXY: value })).toThrow(
      /TRUST_PROXY must be the number of proxies/,
    );
  });
});

describe("login and sign-up limits", () => {
  test("default to 20 attempts per address and 5 failures per username per 15 minutes, 5 sign-ups per address per hour", () => {
    for (const key of ["LOGIN_ATTEMPTS_PER_IP", "LOGIN_FAILURES_PER_USERNAME", "SIGNUPS_PER_IP"])
      delete process.env[key];
    resetEnvForTests();
    const env = getEnv();
    expect([
      env.LOGIN_ATTEMPTS_PER_IP,
      env.LOGIN_FAILURES_PER_USERNAME,
      env.SIGNUPS_PER_IP,
    ]).toEqual([20, 5, 5]);
  });

  test("can be set", () => {
    const env = envWith({
      LOGIN_ATTEMPTS_PER_IP: "3",
      LOGIN_FAILURES_PER_USERNAME: "2",
      SIGNUPS_PER_IP: "1",
    });
    expect([
      env.LOGIN_ATTEMPTS_PER_IP,
      env.LOGIN_FAILURES_PER_USERNAME,
      env.SIGNUPS_PER_IP,
    ]).toEqual([3, 2, 1]);
  });

  test.each(["0", "-1", "1.5", "many"])("%j is refused", (value) => {
    expect(() => envWith({ SIGNUPS_PER_IP: value })).toThrow(/SIGNUPS_PER_IP/);
  });
});
