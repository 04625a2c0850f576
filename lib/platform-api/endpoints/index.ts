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
 * one joins them. The OpenAPI document, the debugger and the route files read it.
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

/** The declaration of the endpoint at `path`, for its route file; a path no endpoint declares fails the import. */
export function getEndpointOrThrow(path: string): Endpoint {
  const endpoint = endpoints.find((candidate) => candidate.path === path);
  if (!endpoint) throw new Error(`No Platform API endpoint declares ${path}`);
  return endpoint;
}
