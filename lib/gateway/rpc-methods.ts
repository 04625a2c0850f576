import { z } from "zod";
import type { AuthenticatedUser } from "../chat/tokens/authenticate-access-token";
import { ChannelType } from "../chat/channels/channel-types";
import { parseInput } from "../chat/errors";
import { sendDirectMessage } from "../chat/messages/send-direct-message";

export type RpcContext = { user: AuthenticatedUser; sessionId: string };
type RpcMethod = (context: RpcContext, data: unknown) => Promise<unknown>;

const sendMessageSchema = z.object({
  channelType: z.literal(ChannelType.direct, { error: "channelType must be 1 (direct)" }),
  /** For a direct message: the recipient's user id. */
  channelId: z.string(),
  messageType: z.string().default("RC:TxtMsg"),
  content: z.record(z.string(), z.unknown(), { error: "content must be a JSON object" }),
  clientMessageId: z.string().optional(),
});

/** Chat operations clients call with the protocol's RPC command; each is a thin adapter over lib/chat. */
export const rpcMethods: Record<string, RpcMethod> = {
  "message.send": async ({ user, sessionId }, data) => {
    const input = parseInput(sendMessageSchema, data);
    const message = await sendDirectMessage({
      appId: user.appId,
      senderId: user.userId,
      recipientId: input.channelId,
      messageType: input.messageType,
      content: JSON.stringify(input.content),
      clientMessageId: input.clientMessageId,
      senderSessionId: sessionId,
    });
    return { message };
  },
};
