import { getBus, topics } from "../../../bus";
import { getUserOrThrow } from "../../base/users/find-users";

/** Closes every session of the user, on every node (close code 4503); the user may sign in again. */
export async function kickUserSessions(input: { appId: string; userId: string }): Promise<void> {
  await getUserOrThrow(input);
  await getBus().publish(topics.user(input.appId, input.userId), { type: "disconnect", reason: "kickedByOperator" });
}
