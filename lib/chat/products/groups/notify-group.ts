import { describeError, log } from "../../../log";
import { ChannelType } from "../../base/channels/channel-types";
import { emitChatEvent } from "../../base/events";
import { sendNotice } from "../../base/messages/send-notice";

export type GroupOperation = "Create" | "Add" | "Quit" | "Kicked" | "Dismiss" | "Transfer" | "Update";

/**
 * Tells a group's members what changed (docs/protocol.md, "Group notifications"): a stored
 * `RC:GrpNtf` message from the operator, which online members get at once and the others
 * at their next sync, and the `group_channel:changed` event. Callers send it after the
 * change, or before when the change takes its audience away (leave, kick, dismiss). Without
 * an operator (a group that has no owner) only the event goes out. A notice that fails is
 * logged: the change stands.
 */
export async function notifyGroup(input: { appId: string; channelId: string; operatorUserId: string | null; operation: GroupOperation; data: Record<string, unknown> }) {
  const { appId, channelId, operatorUserId, operation, data } = input;
  await emitChatEvent(appId, { type: "group_channel:changed", channelId, operation, operatorUserId: operatorUserId ?? "" }).catch((error: unknown) =>
    log.warn("group event not queued", { appId, channelId, operation, ...describeError(error) }),
  );
  if (operatorUserId === null) return;
  await sendNotice({
    appId,
    senderId: operatorUserId,
    target: { channelType: ChannelType.group, groupId: channelId },
    messageType: "RC:GrpNtf",
    content: JSON.stringify({ operation, operatorUserId, data }),
    byServer: { persist: true, echoToSender: true, verifyBlocklist: false },
  }).catch((error: unknown) => log.warn("group notification failed", { appId, channelId, operation, ...describeError(error) }));
}
