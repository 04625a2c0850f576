import { getBus } from "../../../bus";
import { getAppSettings } from "../../base/apps/app-settings";
import { ChatError } from "../../base/errors";

/** Operations a client may do only so often per minute: history queries, and joins, leaves, logins and logouts. */
export type LimitedOperation = "history" | "membership";

const windowMs = 60_000;
const described = { history: "query history", membership: "join, leave, log in or log out" } as const;

/**
 * Counts one operation of a client (a user's device: its platform category) in the current
 * minute, on every node, and refuses it beyond the app's limit
 * (`clientHistoryQueriesPerMinute`, `clientMembershipOperationsPerMinute`). The app
 * server's own calls are not limited here.
 */
export async function countClientOperation(input: { appId: string; userId: string; platform: string; operation: LimitedOperation }): Promise<void> {
  const settings = await getAppSettings(input.appId);
  const limit = input.operation === "history" ? settings.clientHistoryQueriesPerMinute : settings.clientMembershipOperationsPerMinute;
  const key = `client-operations:${input.operation}:${input.appId}:${input.userId}:${input.platform}`;
  if ((await getBus().consumeRate(key, 1, [{ limit, ms: windowMs }])).allowed) return;
  throw new ChatError("operationRateExceeded", `A client may ${described[input.operation]} at most ${limit} times a minute`);
}
