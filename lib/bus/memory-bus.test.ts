import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryBus } from "./memory-bus";
import type { BusMessage } from "./messages";

const invalidate = (key: string): BusMessage => ({ type: "invalidate", cache: "user", key });

afterEach(() => {
  vi.useRealTimers();
});

describe("the in-process bus", () => {
  it("hands one handler the messages of every topic it subscribed to, with the topic", async () => {
    const bus = createMemoryBus();
    const received: [string, string][] = [];
    const handler = (message: BusMessage, topic: string) => message.type === "invalidate" && received.push([topic, message.key]);
    bus.subscribe("user:a:ann", handler);
    bus.subscribe("user:a:bob", handler);
    bus.subscribe("user:a:bob", handler);
    await bus.publish("user:a:ann", invalidate("1"));
    await bus.publish("user:a:bob", invalidate("2"));
    await bus.publish("user:a:cid", invalidate("3"));
    expect(received).toEqual([
      ["user:a:ann", "1"],
      ["user:a:bob", "2"],
    ]);
  });

  it("stops at unsubscribe, for that topic and that handler only", async () => {
    const bus = createMemoryBus();
    const [first, second] = [vi.fn(), vi.fn()];
    bus.subscribe("channel:1", first);
    bus.subscribe("channel:1", second);
    bus.subscribe("channel:2", first);
    bus.unsubscribe("channel:1", first);
    await bus.publish("channel:1", invalidate("x"));
    await bus.publish("channel:2", invalidate("y"));
    expect(first.mock.calls).toEqual([[invalidate("y"), "channel:2"]]);
    expect(second.mock.calls).toEqual([[invalidate("x"), "channel:1"]]);
  });

  it("delivers a message to the handlers subscribed when it was published, even if one unsubscribes another", async () => {
    const bus = createMemoryBus();
    const later = vi.fn();
    bus.subscribe("app:a", () => bus.unsubscribe("app:a", later));
    bus.subscribe("app:a", later);
    await bus.publish("app:a", invalidate("x"));
    await bus.publish("app:a", invalidate("y"));
    expect(later.mock.calls).toEqual([[invalidate("x"), "app:a"]]);
  });
});

describe("the in-process bus's shared state", () => {
  it("lists the members present under a key until they expire or are cleared", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const bus = createMemoryBus();
    await bus.setPresence("presence:a:ann", "web|1|s1|ip", 60_000);
    vi.advanceTimersByTime(30_000);
    await bus.setPresence("presence:a:ann", "mobile|2|s2|ip", 60_000);
    expect(await bus.listPresence("presence:a:ann")).toEqual(["web|1|s1|ip", "mobile|2|s2|ip"]);
    expect(await bus.anyPresent(["presence:a:ann", "presence:a:bob"])).toEqual([true, false]);

    vi.advanceTimersByTime(30_000);
    expect(await bus.listPresence("presence:a:ann")).toEqual(["mobile|2|s2|ip"]);
    await bus.setPresence("presence:a:ann", "mobile|2|s2|ip", 60_000);
    vi.advanceTimersByTime(59_000);
    expect(await bus.listPresence("presence:a:ann")).toEqual(["mobile|2|s2|ip"]);
    await bus.clearPresence("presence:a:ann", "mobile|2|s2|ip");
    expect(await bus.listPresence("presence:a:ann")).toEqual([]);
    expect(await bus.anyPresent(["presence:a:ann"])).toEqual([false]);
  });

  it("counts a rate within its window and starts again in the next", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(120_000);
    const bus = createMemoryBus();
    const minute = { limit: 3, ms: 60_000 };
    expect(await bus.consumeRate("logins:ann", 2, [minute])).toEqual({ allowed: true });
    expect(await bus.consumeRate("logins:ann", 1, [minute])).toEqual({ allowed: true });
    expect(await bus.consumeRate("logins:ann", 1, [minute])).toEqual({ allowed: false, window: minute });
    expect(await bus.consumeRate("logins:bob", 1, [minute])).toEqual({ allowed: true });
    vi.advanceTimersByTime(60_000);
    expect(await bus.consumeRate("logins:ann", 3, [minute])).toEqual({ allowed: true });
  });
});

describe("the memory bus's claims (nonces)", () => {
  it("grants a key once until its claim expires", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const bus = createMemoryBus();
    expect(await bus.claimOnce("nonce:a", 1000)).toBe(true);
    expect(await bus.claimOnce("nonce:a", 1000)).toBe(false);
    vi.setSystemTime(1_000_999);
    expect(await bus.claimOnce("nonce:a", 1000)).toBe(false);
    vi.setSystemTime(1_001_000);
    expect(await bus.claimOnce("nonce:a", 1000)).toBe(true);
  });

  it("keeps the claims a sweep finds unexpired, behind those it removes", async () => {
    vi.useFakeTimers({ now: 2_000_000 });
    const bus = createMemoryBus();
    expect(await bus.claimOnce("nonce:first", 1000)).toBe(true);
    vi.setSystemTime(2_000_600);
    expect(await bus.claimOnce("nonce:second", 1000)).toBe(true);
    // Past the first claim's expiry and a second after the last sweep: this call sweeps.
    vi.setSystemTime(2_001_200);
    expect(await bus.claimOnce("nonce:third", 1000)).toBe(true);
    expect(await bus.claimOnce("nonce:second", 1000)).toBe(false);
    expect(await bus.claimOnce("nonce:first", 1000)).toBe(true);
  });
});
