import type { AppSettings } from "../base/apps/app-settings";
import { ChannelType } from "../base/channels/channel-types";
import type { MessageTarget, Route, RouteMessage, SendMessageInput } from "../base/messages/message-target";
import { routeCommunityMessage } from "../products/communities";
import { routeDirectMessage } from "../products/direct";
import { routeGroupMessage } from "../products/groups";
import { routeOpenChannelMessage } from "../products/open-channels";
import { routeServiceMessage } from "../products/service-channels";
import { routeTemporaryMessage } from "../products/temporary-channels";
import { routeSystemMessage } from "../products/system";

/** Each channel type's routing, owned by its product: a new channel type adds its line here. */
const messageRoutes: { [Type in MessageTarget["channelType"]]: RouteMessage<Type> } = {
  [ChannelType.direct]: routeDirectMessage,
  [ChannelType.group]: routeGroupMessage,
  [ChannelType.open]: routeOpenChannelMessage,
  [ChannelType.temporary]: routeTemporaryMessage,
  [ChannelType.system]: routeSystemMessage,
  [ChannelType.service]: routeServiceMessage,
  [ChannelType.community]: routeCommunityMessage,
};

/** Checks a message against its channel's rules and says where it goes, by the product of its channel type. */
export function routeMessage(input: SendMessageInput, settings: AppSettings): Promise<Route> {
  // The table pairs each type with its own routing; TypeScript cannot follow that pairing through the lookup.
  const route = messageRoutes[input.target.channelType] as (input: SendMessageInput, settings: AppSettings) => Promise<Route>;
  return route(input, settings);
}
