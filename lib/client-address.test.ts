import type { IncomingMessage } from "node:http";
import { beforeAll, describe, expect, it, vi } from "vitest";

let clientAddress: (request: IncomingMessage) => string;

beforeAll(async () => {
  vi.stubEnv("SWITCHBOARD_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.5");
  ({ clientAddress } = await import("./client-address"));
});

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } }) as unknown as IncomingMessage;

describe("the client's address", () => {
  it("is the peer's own when the peer is no trusted proxy, whatever it claims", () => {
    expect(clientAddress(request("203.0.113.7", "198.51.100.1"))).toBe("203.0.113.7");
    expect(clientAddress(request("::ffff:203.0.113.7"))).toBe("203.0.113.7");
  });

  it("is the nearest forwarded hop that is no trusted proxy, behind trusted proxies", () => {
    expect(clientAddress(request("10.1.2.3", "198.51.100.1"))).toBe("198.51.100.1");
    // A client's own claim comes first in the list; the proxies append what they saw.
    expect(clientAddress(request("10.1.2.3", "1.1.1.1, 198.51.100.1, 192.168.1.5"))).toBe("198.51.100.1");
    expect(clientAddress(request("::ffff:192.168.1.5", "::ffff:198.51.100.2"))).toBe("198.51.100.2");
  });

  it("is the peer's when a trusted proxy forwarded nothing", () => {
    expect(clientAddress(request("10.1.2.3"))).toBe("10.1.2.3");
  });
});
