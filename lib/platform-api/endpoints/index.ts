import type { Endpoint } from "../endpoint";
import { accessTokenEndpoints } from "./access-tokens";
import { blocklistEndpoints } from "./blocklists";
import { communityEndpoints } from "./communities";
import { compatibilityEndpoints } from "./compatibility";
import { compatibilityChatroomEndpoints } from "./compatibility-chatrooms";
import { compatibilityMessageEndpoints } from "./compatibility-messages";
import { conversationEndpoints } from "./conversations";
import { friendEndpoints } from "./friends";
import { groupMemberEndpoints } from "./group-members";
import { groupModerationEndpoints } from "./group-moderation";
import { groupEndpoints } from "./groups";
import { messageEndpoints } from "./messages";
import { moderationEndpoints } from "./moderation";
import { openChannelEndpoints } from "./open-channels";
import { profileEndpoints } from "./profiles";
import { serviceChannelEndpoints } from "./service-channels";
import { systemMessageEndpoints } from "./system-messages";
import { temporaryChannelEndpoints } from "./temporary-channels";
import { userEndpoints } from "./users";

/**
 * Every endpoint Switchboard serves: each file of this folder exports one list, and this
 * one joins them. server.ts serves them by path (../http-handler.ts); the OpenAPI document
 * and the debugger read them too.
 */
export const endpoints: Endpoint[] = [
  ...compatibilityEndpoints,
  ...compatibilityMessageEndpoints,
  ...compatibilityChatroomEndpoints,
  ...accessTokenEndpoints,
  ...userEndpoints,
  ...blocklistEndpoints,
  ...friendEndpoints,
  ...profileEndpoints,
  ...moderationEndpoints,
  ...messageEndpoints,
  ...systemMessageEndpoints,
  ...groupEndpoints,
  ...openChannelEndpoints,
  ...communityEndpoints,
  ...groupMemberEndpoints,
  ...groupModerationEndpoints,
  ...conversationEndpoints,
  ...temporaryChannelEndpoints,
  ...serviceChannelEndpoints,
];
