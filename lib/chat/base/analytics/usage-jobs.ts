import { rollUpActiveUsers, saveActiveUsers } from "./active-users";
import { pruneConnectionCounts, reportConnectionCounts } from "./connection-counts";
import { pruneUsageCounts, saveUsageCounts } from "./usage-counts";

/** What each node writes every few seconds (server.ts): its counts, the users it saw connect, its connections. */
export async function saveUsage(): Promise<void> {
  await saveUsageCounts();
  await saveActiveUsers();
  await reportConnectionCounts();
}

/** What each node tidies on every sweep: ended activity periods rolled up, rows past their keeping dropped. */
export async function tidyUsage(now = Date.now()): Promise<void> {
  await rollUpActiveUsers(now);
  await pruneUsageCounts(now);
  await pruneConnectionCounts(now);
}
