import { getBus, topics } from "../../../bus";
import { getUserOrThrow } from "../../base/users/find-users";
import { checkUserId } from "../../base/users/user-id";

/** "1" when the user has a session on any node, else "0" (the contract's strings). */
export async function getConnectionStatus(input: { appId: string; userId: string }): Promise<{ status: "0" | "1" }> {
  const userId = checkUserId(input.userId);
  await getUserOrThrow({ appId: input.appId, userId });
  const sessions = (await getBus().listPresence(topics.presence(input.appId, userId))).length;
  return { status: sessions > 0 ? "1" : "0" };
}
