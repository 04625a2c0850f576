import type { IncomingMessage } from "node:http";
import { BlockList, isIPv6 } from "node:net";
import { env } from "./env";

const trustedProxies = new BlockList();
for (const entry of env.SWITCHBOARD_TRUSTED_PROXIES) {
  const [address, prefix] = entry.split("/") as [string, string | undefined];
  const type = isIPv6(address) ? "ipv6" : "ipv4";
  if (prefix === undefined) trustedProxies.addAddress(address, type);
  else trustedProxies.addSubnet(address, Number(prefix), type);
}

/** An IPv4 peer as IPv4, however a dual-stack socket reports it. */
const plain = (address: string) => (address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address);

/** Answers by address, as a few addresses make most requests: BlockList's check builds a SocketAddress each time (~2 % of an API call's CPU). */
const trustedByAddress = new Map<string, boolean>();

function isTrustedProxy(address: string): boolean {
  let trusted = trustedByAddress.get(address);
  if (trusted === undefined) {
    trusted = address !== "" && trustedProxies.check(address, isIPv6(address) ? "ipv6" : "ipv4");
    if (trustedByAddress.size >= 10_000) trustedByAddress.clear();
    trustedByAddress.set(address, trusted);
  }
  return trusted;
}

/**
 * The client's address. Behind a trusted proxy (SWITCHBOARD_TRUSTED_PROXIES), the nearest
 * X-Forwarded-For hop that is not one of them; otherwise the peer's own address: what a
 * client claims in X-Forwarded-For is ignored, so it cannot dodge limits kept per address.
 */
export function clientAddress(request: IncomingMessage): string {
  const peer = plain(request.socket.remoteAddress ?? "");
  if (!isTrustedProxy(peer)) return peer;
  const header = request.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").map((hop) => plain(hop.trim())).filter(Boolean);
  for (let hop = hops.length - 1; hop >= 0; hop--) if (!isTrustedProxy(hops[hop]!)) return hops[hop]!;
  return hops[0] ?? peer;
}
