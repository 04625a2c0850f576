import { describe, expect, it } from "vitest";
import { presenceEntry } from "./presence-entry";
import { sessionLimit, sessionsToKick } from "./session-limits";

const entry = (id: string, platform: "mobile" | "web" | "desktop", connectedAt: number) => presenceEntry({ id, platform, connectedAt, clientIp: "2001:db8::1" });
const defaults = { multiDeviceSync: true, sessionsPerPlatform: {} };

describe("sessionsToKick", () => {
  it("keeps the newest session of a platform category and kicks the older ones", () => {
    const entries = [entry("a", "mobile", 1), entry("b", "mobile", 3), entry("c", "web", 2), entry("d", "desktop", 1)];
    expect(sessionsToKick(entries, { id: "b", platform: "mobile", connectedAt: 3 }, defaults)).toEqual(["a"]);
  });

  it("keeps ten web sessions with multi-device sync, one without", () => {
    const entries = Array.from({ length: 11 }, (_, i) => entry(`w${i}`, "web", i));
    const newest = { id: "w10", platform: "web" as const, connectedAt: 10 };
    expect(sessionsToKick(entries, newest, defaults)).toEqual(["w0"]);
    expect(sessionsToKick(entries, newest, { ...defaults, multiDeviceSync: false })).toHaveLength(10);
  });

  it("keeps as many sessions of a category as the app allows, the oldest beyond them kicked", () => {
    const entries = [entry("phone", "mobile", 1), entry("tablet", "mobile", 2), entry("laptop", "desktop", 1)];
    const settings = { ...defaults, sessionsPerPlatform: { mobile: 2 } };
    expect(sessionsToKick(entries, { id: "tablet", platform: "mobile", connectedAt: 2 }, settings)).toEqual([]);
    const third = [...entries, entry("spare", "mobile", 3)];
    expect(sessionsToKick(third, { id: "spare", platform: "mobile", connectedAt: 3 }, settings)).toEqual(["phone"]);
  });

  it("orders logins of the same millisecond by session id, so every node agrees", () => {
    const entries = [entry("x", "mobile", 5), entry("y", "mobile", 5)];
    expect(sessionsToKick(entries, { id: "y", platform: "mobile", connectedAt: 5 }, defaults)).toEqual(["x"]);
  });
});

describe("sessionLimit", () => {
  it("is one a category, ten web tabs with multi-device sync, unless the app names the category", () => {
    expect(["mobile", "web", "desktop", "miniProgram"].map((platform) => sessionLimit(platform as "web", defaults))).toEqual([1, 10, 1, 1]);
    expect(sessionLimit("web", { multiDeviceSync: false, sessionsPerPlatform: {} })).toBe(1);
    expect(sessionLimit("web", { multiDeviceSync: true, sessionsPerPlatform: { web: 3 } })).toBe(3);
    expect(sessionLimit("web", { multiDeviceSync: false, sessionsPerPlatform: { web: 3 } })).toBe(3);
    expect(sessionLimit("miniProgram", { multiDeviceSync: true, sessionsPerPlatform: { mobile: 2, miniProgram: 4 } })).toBe(4);
  });
});
