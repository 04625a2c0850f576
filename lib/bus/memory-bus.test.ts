import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryBus } from "./memory-bus";

afterEach(() => vi.useRealTimers());

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
