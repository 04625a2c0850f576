import type { DebuggerEndpoint } from "@/lib/contract";

export type EndpointGroup = { tag: string; endpoints: DebuggerEndpoint[] };

/**
 * The endpoints a search finds, grouped by the contract's tag in the order the registry
 * declares them, the older form API's last. Every word of the query must appear (any case) in the path, the summary,
 * the tag or the operation id; an empty query finds all.
 */
export function searchEndpoints(endpoints: DebuggerEndpoint[], query: string): EndpointGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, DebuggerEndpoint[]>();
  for (const endpoint of endpoints) {
    const haystack = `${endpoint.path} ${endpoint.summary} ${endpoint.tag} ${endpoint.operationId}`.toLowerCase();
    if (!words.every((word) => haystack.includes(word))) continue;
    groups.set(endpoint.tag, [...(groups.get(endpoint.tag) ?? []), endpoint]);
  }
  const olderLast = (found: DebuggerEndpoint[]) => (found.every((endpoint) => endpoint.api === "compatibility") ? 1 : 0);
  return [...groups].map(([tag, found]) => ({ tag, endpoints: found })).sort((a, b) => olderLast(a.endpoints) - olderLast(b.endpoints));
}
