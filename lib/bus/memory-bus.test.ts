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
