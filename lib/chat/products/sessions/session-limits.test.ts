import { describe, expect, it } from "vitest";
import { presenceEntry } from "./presence-entry";
import { sessionsToKick } from "./session-limits";

const entry = (id: string, platform: "mobile" | "web" | "desktop", connectedAt: number) => presenceEntry({ id, platform, connectedAt, clientIp: "2001:db8::1" });

describe("sessionsToKick", () => {
  it("keeps the newest session of a platform category and kicks the older ones", () => {
    const entries = [entry("a", "mobile", 1), entry("b", "mobile", 3), entry("c", "web", 2), entry("d", "desktop", 1)];
    expect(sessionsToKick(entries, { id: "b", platform: "mobile", connectedAt: 3, multiDeviceSync: true })).toEqual(["a"]);
  });

  it("keeps ten web sessions with multi-device sync, one without", () => {
    const entries = Array.from({ length: 11 }, (_, i) => entry(`w${i}`, "web", i));
    const newest = { id: "w10", platform: "web" as const, connectedAt: 10 };
    expect(sessionsToKick(entries, { ...newest, multiDeviceSync: true })).toEqual(["w0"]);
    expect(sessionsToKick(entries, { ...newest, multiDeviceSync: false })).toHaveLength(10);
  });

  it("orders logins of the same millisecond by session id, so every node agrees", () => {
    const entries = [entry("x", "mobile", 5), entry("y", "mobile", 5)];
    expect(sessionsToKick(entries, { id: "y", platform: "mobile", connectedAt: 5, multiDeviceSync: true })).toEqual(["x"]);
  });
});
