import { broadcastChannelId, ChannelType } from "../channels/channel-types";
import type { AppSettings } from "../apps/app-settings";
import type { ChannelAddress } from "./message-writer";

export type MessageTarget =
  | { channelType: typeof ChannelType.direct; recipientId: string }
  /** `toUserIds`: only these members receive it (a directed group message). */
  | { channelType: typeof ChannelType.group; groupId: string; toUserIds?: string[] }
  | { channelType: typeof ChannelType.system; recipientId: string }
  /** Every user of the app: stored once, in the app's broadcast channel. */
  | { channelType: typeof ChannelType.system; broadcast: true }
  /** The online participants of an open channel. */
  | { channelType: typeof ChannelType.open; channelId: string }
  /** A community's default channel, or one of its subchannels; `toUserIds` as for groups. */
  | { channelType: typeof ChannelType.community; communityId: string; subchannelId?: string; toUserIds?: string[] }
  /** The members of a temporary conversation. */
  | { channelType: typeof ChannelType.temporary; channelId: string }
  /** A service channel: from the app server to every subscriber, or (`toUserId`) to one; from a client, to the app. */
  | { channelType: typeof ChannelType.service; channelId: string; toUserId?: string };

export type SendMessageInput<Target extends MessageTarget = MessageTarget> = {
  appId: string;
  senderId: string;
  target: Target;
  messageType: string;
  /** JSON text of the content object. */
  content: string;
  clientMessageId?: string;
  /** The id chosen beforehand: a streamed message is stored under the id its chunks carried. */
  messageId?: string;
  /** Metadata the message is stored with, set by its sender (the app server's sends). */
  metadata?: Record<string, unknown>;
  needReadReceipt?: boolean;
  /**
   * A connected client's send: its session learns the message from the RPC reply, the
   * per-client send rate counts it, and webhooks name its platform.
   */
  senderSession?: { id: string; platform: string };
  /**
   * The app server's send (Platform API): the sender's mutes do not apply, its blocklist
   * only when asked; `priority` open-channel messages are never dropped under load.
   */
  byServer?: { persist: boolean; echoToSender: boolean; verifyBlocklist: boolean; priority?: boolean };
  /** The offline push notification: its text and data instead of the defaults, or none at all. */
  push?: { content?: string; data?: string; disabled?: boolean; contentAvailable?: boolean };
};

/** Where a checked message goes: its channel and who gets it live; `community` for communities' mentions. */
export type Route = { address: ChannelAddress; recipientTopics: string[]; channelTopic?: string; community?: { id: string; parentId: string | null; isPrivate: boolean } };

/** A send to one channel type, whose target names that type's channel. */
export type SendMessageTo<Type extends MessageTarget["channelType"]> = SendMessageInput<Extract<MessageTarget, { channelType: Type }>>;

/**
 * A product's routing of a message to its channel type: checks the sender against the
 * channel's rules (throwing ChatError) and says where the message is stored and who gets it live.
 */
export type RouteMessage<Type extends MessageTarget["channelType"]> = (input: SendMessageTo<Type>, settings: AppSettings) => Promise<Route>;

/** The channel id a target names, as the message view and the pre-delivery hook show it. */
export function targetChannelId(target: MessageTarget): string {
  if (target.channelType === ChannelType.group) return target.groupId;
  if (target.channelType === ChannelType.open || target.channelType === ChannelType.temporary || target.channelType === ChannelType.service) return target.channelId;
  if (target.channelType === ChannelType.community) return target.communityId;
  return "broadcast" in target ? broadcastChannelId : target.recipientId;
}
