import type { AppSettings } from "@/lib/chat/base/apps/app-settings";

type Base = { name: keyof AppSettings; label: string; help: string };
/** How a setting is edited: a switch, a bounded number, a choice, a line of text, JSON (with an example), or a write-only key. */
export type SettingField =
  | (Base & { kind: "boolean" })
  | (Base & { kind: "number"; min: number; max: number })
  | (Base & { kind: "select"; options: { value: string; label: string }[] })
  | (Base & { kind: "text"; placeholder?: string })
  | (Base & { kind: "json"; example: string })
  | (Base & { kind: "secret" });

export type SettingGroup = { id: string; title: string; description: string; fields: SettingField[] };

/** Every chat setting, grouped as operators look for them; webhook endpoints have their own page. */
export const settingGroups: SettingGroup[] = [
  {
    id: "messaging",
    title: "Messaging",
    description: "How messages reach a user's devices and how fast clients may send.",
    fields: [
      { name: "multiDeviceSync", kind: "boolean", label: "Multi-device message sync", help: "Every device of a user receives and recovers every message; recalls reach all of them; up to 10 web sessions." },
      {
        name: "sessionsPerPlatform",
        kind: "json",
        example: '{"mobile": 2}',
        label: "Sessions per platform category",
        help: "JSON object of mobile, web, desktop, miniProgram to sessions one user keeps at once (1 to 100), e.g. a phone and a tablet; a newer login beyond it closes the oldest (4501). Categories not named keep one, web ten with multi-device sync.",
      },
      { name: "compensationDays", kind: "number", min: 1, max: 7, label: "Compensation window (days)", help: "With sync on: how far back a new device or a reinstall recovers messages." },
      { name: "offlineCacheDays", kind: "number", min: 1, max: 7, label: "Offline message cache (days)", help: "How long a device that was offline can still recover what it missed; no sync reaches back further." },
      { name: "clientMessagesPerSecond", kind: "number", min: 1, max: 1000, label: "Client send rate (messages per second)", help: "Per connection; more are refused with 20604." },
      { name: "clientHistoryQueriesPerMinute", kind: "number", min: 1, max: 10_000, label: "Client history queries per minute", help: "Per device; more are refused with 1028." },
      { name: "clientMembershipOperationsPerMinute", kind: "number", min: 1, max: 10_000, label: "Client joins, leaves and logins per minute", help: "Per device, logins and logouts included; more are refused with 1028." },
      { name: "directMessagesFriendsOnly", kind: "boolean", label: "Direct messages between friends only", help: "Clients may message only their friends (1021 otherwise); the app server is not bound." },
      { name: "customMessageTypes", kind: "json", example: '[{"name": "app:order", "persisted": true, "counted": true}]', label: "Custom message types", help: 'JSON list of {"name", "persisted", "counted"}; names without the RC: prefix.' },
    ],
  },
  {
    id: "files",
    title: "Files and media",
    description: "What clients may upload (POST /files) for image, voice, video and file messages.",
    fields: [
      { name: "fileMaxBytes", kind: "number", min: 1024, max: 100 * 1024 * 1024, label: "Largest upload (bytes)", help: "Bigger files are refused with 1005 (20 MiB by default, at most 100 MiB)." },
      { name: "fileAllowedTypes", kind: "json", example: '["image/*", "audio/*", "video/*", "application/pdf"]', label: "Allowed file types", help: 'JSON list of media types, families (image/*) or "*" for all; others are refused with 1002.' },
      { name: "fileUploadsPerMinute", kind: "number", min: 1, max: 10_000, label: "Uploads per user per minute", help: "Counted on every node; more are refused with 1028." },
    ],
  },
  {
    id: "history",
    title: "History",
    description: "How long messages are kept, and which history members see.",
    fields: [
      { name: "historyRetentionDays", kind: "number", min: 1, max: 3650, label: "Cloud history retention (days)", help: "Direct, group, system and open-channel messages older than this are deleted (6 months by default)." },
      { name: "inactiveConversationDays", kind: "number", min: 1, max: 3650, label: "Inactive conversations removed after (days)", help: "A direct, group or system conversation or a service channel without a message or a change this long goes with its messages; sending to such a group or service channel answers 1029." },
      {
        name: "groupAttributeWriters",
        kind: "select",
        options: [
          { value: "members", label: "Any member" },
          { value: "admins", label: "The owner and admins" },
        ],
        label: "Who changes group attributes",
        help: "From clients; every member reads them, and your server may always change them.",
      },
      { name: "groupHistoryForMembersOnly", kind: "boolean", label: "Group history for members only", help: "New members see only what was sent after they joined." },
      { name: "communityHistoryForMembersOnly", kind: "boolean", label: "Community history for members only", help: "New members see only what was sent after they joined the community." },
      { name: "communityHistoryDays", kind: "number", min: 7, max: 1095, label: "Community history (days)", help: "7, or 90 to 1095 (3 to 36 months)." },
    ],
  },
  {
    id: "open-channels",
    title: "Open channels",
    description: "Large live rooms without membership.",
    fields: [
      { name: "openChannelOneAtATime", kind: "boolean", label: "One open channel at a time", help: "Joining an open channel leaves the user's others." },
      { name: "openChannelMessagesPerSecond", kind: "number", min: 1, max: 100_000, label: "Messages per second per channel", help: "Beyond it messages are dropped, low-priority types first." },
      { name: "openChannelPriorityMessageTypes", kind: "json", example: '["app:gift"]', label: "Priority message types", help: "JSON list of message types dropped last." },
      { name: "openChannelLowPriorityMessageTypes", kind: "json", example: '["app:like"]', label: "Low-priority message types", help: "JSON list of message types dropped first." },
    ],
  },
  {
    id: "profanity",
    title: "Profanity filter",
    description: "What the app's profanity word list (Platform API /v4/profanity-word/...) does to message text.",
    fields: [
      {
        name: "profanityFilterMode",
        kind: "select",
        options: [
          { value: "perWord", label: "As each word is listed: replaced when it has a replacement, refused otherwise" },
          { value: "block", label: "Refuse every message with a listed word (1024)" },
          { value: "replace", label: "Replace every listed word (asterisks when it has no replacement)" },
          { value: "off", label: "Off" },
        ],
        label: "Filter mode",
        help: "Applies to sends and edits from clients and the app server.",
      },
    ],
  },
  {
    id: "moderation",
    title: "Pre-delivery hook",
    description: "Your server approves, refuses or rewrites client messages before they are stored.",
    fields: [
      { name: "preMessagingHookUrl", kind: "text", placeholder: "https://app.example.com/hooks/messages", label: "Hook URL", help: "Empty turns the hook off." },
      { name: "preMessagingHookEvents", kind: "json", example: '["direct_channel:pre_messaging"]', label: "Hooked events", help: "JSON list of direct_channel:pre_messaging, group_channel:pre_messaging, open_channel:pre_messaging, community_channel:pre_messaging." },
      { name: "preMessagingHookTimeoutMs", kind: "number", min: 100, max: 30_000, label: "Timeout (ms)", help: "Longest wait for an answer, retries included." },
      {
        name: "preMessagingHookOnFailure",
        kind: "select",
        options: [
          { value: "block", label: "Refuse the message (1026)" },
          { value: "deliver", label: "Deliver the message" },
        ],
        label: "When the hook cannot answer",
        help: "A timeout, a network error or an answer that is no verdict.",
      },
      {
        name: "preMessagingHookStyle",
        kind: "select",
        options: [
          { value: "v4", label: "v4 event envelope" },
          { value: "legacy", label: "Older API message callback" },
        ],
        label: "Request style",
        help: "What your hook was written for.",
      },
    ],
  },
  {
    id: "webhooks",
    title: "Webhook delivery",
    description: "How events reach your endpoints (the endpoints are on the Webhooks page).",
    fields: [
      { name: "webhookRetryHours", kind: "number", min: 1, max: 72, label: "Retry period (hours)", help: "A failing delivery is tried again, with growing pauses, this long." },
      { name: "webhookServerMessages", kind: "boolean", label: "Route the app server's messages", help: "Also send message:send for messages sent through the Platform API." },
    ],
  },
  {
    id: "push",
    title: "Offline push",
    description: "Notifications for users with no online session. Keys are write-only: paste to replace.",
    fields: [
      { name: "pushFcmServiceAccount", kind: "secret", label: "FCM service account key", help: "The JSON key file of a Google service account with Firebase messaging." },
      { name: "pushFcmEndpoint", kind: "text", label: "FCM endpoint", help: "FCM's API origin." },
      { name: "pushApnsKeyId", kind: "text", label: "APNs key ID", help: "The ID of your .p8 authentication key." },
      { name: "pushApnsTeamId", kind: "text", label: "APNs team ID", help: "Your Apple developer team." },
      { name: "pushApnsPrivateKey", kind: "secret", label: "APNs authentication key", help: "The text of the .p8 file." },
      { name: "pushApnsTopic", kind: "text", label: "APNs topic", help: "Your app's bundle ID." },
      { name: "pushApnsEndpoint", kind: "text", label: "APNs endpoint", help: "https://api.sandbox.push.apple.com for development builds." },
      { name: "pushWebhookUrl", kind: "text", placeholder: "https://app.example.com/hooks/push", label: "Push webhook URL", help: "Your own push service gets every push as a signed message:push request." },
    ],
  },
  {
    id: "security",
    title: "Security",
    description: "How signed Platform API requests are checked.",
    fields: [
      { name: "nonceReplayProtection", kind: "boolean", label: "Refuse reused nonces (v4)", help: "A nonce seen within the signature window is refused." },
      { name: "compatibilityNonceReplayProtection", kind: "boolean", label: "Refuse reused nonces (older API)", help: "Off by default: some older clients reuse one nonce." },
      {
        name: "requireRequestSignature",
        kind: "boolean",
        label: "Require signature version 2",
        help: "Refuse calls signed with version 1 (SHA1 of secret, nonce and timestamp, which does not cover the body): only HMAC-SHA256 over the request (Signature-Version: 2) is accepted.",
      },
      {
        name: "operationSignatures",
        kind: "json",
        example: '["join", "history"]',
        label: "Operations your server signs",
        help: "JSON list of client operations (create, join, history) refused with 1027 unless they carry your server's signature (README, Operation signatures).",
      },
      {
        name: "apiRateLimits",
        kind: "json",
        example: '{"/v4/direct-channel/message/send": 5000}',
        label: "Platform API rate limits",
        help: "Calls per second per app, by endpoint path (as the debugger lists them), 1 to 100,000; endpoints not named keep their default. More are answered with 429.",
      },
    ],
  },
];
