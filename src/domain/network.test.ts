import { describe, expect, it } from "vitest";
import { abuseKeyOf } from "./network.js";

describe("abuseKeyOf: the network an address counts for", () => {
  it.each([
    ["192.0.2.7", "192.0.2.7"],
    ["::ffff:192.0.2.7", "192.0.2.7"],
    ["2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:0000:0000:0000:0009", "2001:db8:1:2::/64"],
    ["2001:DB8:1:2::FFFF", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["not-an-ip", "not-an-ip"],
    ["1:2:3", "1:2:3"],
  ])("%s → %s", (address, key) => {
    expect(abuseKeyOf(address)).toBe(key);
  });

  it("puts two hosts of one /64 under one key, and neighbouring /64s under two", () => {
    expect(abuseKeyOf("2001:db8:0:5::a")).toBe(abuseKeyOf("2001:db8:0:5:ffff::1"));
    expect(abuseKeyOf("2001:db8:0:5::a")).not.toBe(abuseKeyOf("2001:db8:0:6::a"));
  });
});
