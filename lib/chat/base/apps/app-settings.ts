import { z } from "zod";
import { db, secretSealer } from "../../../db/client";
import { isSealedSecret } from "../../../db/sealed-secrets";
import { createCache } from "../cache";
import { ChatError, parseJsonInput } from "../errors";
import { findAppId } from "./find-apps";
import { platforms, platformSchema } from "./platforms";
import { signedOperations } from "./signed-operations";
import { webhookStyleSchema } from "../webhooks/webhook-events";

/** The events of the pre-delivery hook, one per channel type it covers. */
export const preMessagingEvents = ["direct_channel:pre_messaging", "group_channel:pre_messaging", "open_channel:pre_messaging", "community_channel:pre_messaging"] as const;
export type PreMessagingEvent = (typeof preMessagingEvents)[number];

const httpUrl = (name: string) => z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL` });

function isServiceAccountOrEmpty(text: string): boolean {
  if (text === "") return true;
  try {
    const key = JSON.parse(text) as Record<string, unknown>;
    return ["project_id", "client_email", "private_key"].every((field) => typeof key[field] === "string");
  } catch {
    return false;
  }
}

/** Most sessions one user keeps in one platform category (setting `sessionsPerPlatform`). */
export const maxSessionsPerPlatform = 100;

/**
 * Every chat setting of an app, with its default. Stored as JSON on the app row, so a
 * new setting needs no migration: rows without it read the default.
 */
export const appSettingsSchema = z.object({
  /** Direct messages only between friends (see the friend endpoints). */
  directMessagesFriendsOnly: z.boolean().default(false),
  /** Groups: new members see only messages sent after they joined. */
  groupHistoryForMembersOnly: z.boolean().default(false),
  /** Groups: who changes a group's custom attributes from a client, any member or only its owner and admins (members read them). */
  groupAttributeWriters: z.enum(["members", "admins"]).default("members"),
  /** Communities: members see only messages sent after they joined the community. */
  communityHistoryForMembersOnly: z.boolean().default(false),
  /** Communities: days of cloud history members see, 7 or 3 to 36 months (90 to 1095 days); older messages are not returned. */
  communityHistoryDays: z
    .number()
    .int()
    .refine((days) => days === 7 || (days >= 90 && days <= 1095), "communityHistoryDays must be 7, or 90 to 1095 (3 to 36 months)")
    .default(7),
  /** Days of cloud history kept for direct, group, system and open-channel messages (6 months by default); older ones are deleted. Communities keep `communityHistoryDays`. */
  historyRetentionDays: z.number().int().min(1).max(3650).default(180),
  /** Days after which a direct, group or system conversation, or a service channel, without a message or a change is removed with its messages. */
  inactiveConversationDays: z.number().int().min(1).max(3650).default(180),
  /** Days a device that was offline can still recover what it missed (and the furthest any sync reaches back). */
  offlineCacheDays: z.number().int().min(1).max(7).default(7),
  /**
   * What the profanity word list does to a message's text: each word as listed (replaced
   * when it has a replacement, refused otherwise), every word refuses, every word is
   * replaced (with its replacement, else asterisks), or nothing.
   */
  profanityFilterMode: z.enum(["perWord", "block", "replace", "off"]).default("perWord"),
  /** v4 Platform API: refuse a signed request whose Nonce was used within the signature window. */
  nonceReplayProtection: z.boolean().default(true),
  /** The older form API: the same, off by default because some of its clients reuse one nonce. */
  compatibilityNonceReplayProtection: z.boolean().default(false),
  /** Client operations that need a signature from the app's own server (see lib/chat/products/operations/operation-signature.ts). */
  operationSignatures: z.array(z.enum(signedOperations, { error: `operationSignatures lists operations among ${signedOperations.join(", ")}` })).default([]),
  /** Refuse Platform API calls signed with version 1 (which does not cover the body): only Signature-Version 2. */
  requireRequestSignature: z.boolean().default(false),
  /** Platform API calls per second per app, by endpoint path, instead of the endpoint's default limit. */
  apiRateLimits: z
    .record(
      z.string().regex(/^\/[\w./-]+$/, "apiRateLimits names endpoints by path, e.g. /v4/direct-channel/message/send"),
      z.number({ error: "apiRateLimits values are calls per second, 1 to 100000" }).int().min(1).max(100_000),
    )
    .default({}),
  /**
   * Every device of a user receives and recovers every message, recalls sync to all of
   * them, and up to 10 web sessions may be open. Off: a message reaches one device only.
   */
  multiDeviceSync: z.boolean().default(true),
  /**
   * Sessions a user keeps at once per platform category, e.g. `{"mobile": 2}` for a phone and
   * a tablet; a newer login beyond the count closes the oldest with 4501. A category not named
   * keeps one, web with multi-device sync ten (SWITCHBOARD_MAX_WEB_SESSIONS_PER_USER).
   */
  sessionsPerPlatform: z
    .partialRecord(platformSchema, z.number({ error: `sessionsPerPlatform values are sessions, 1 to ${maxSessionsPerPlatform}` }).int().min(1).max(maxSessionsPerPlatform), {
      error: (issue) => (issue.code === "invalid_type" ? "sessionsPerPlatform must be a JSON object" : `sessionsPerPlatform names platform categories: ${platforms.join(", ")}`),
    })
    .default({}),
  /** Messages one client (connection) may send per second; more are refused with 20604. */
  clientMessagesPerSecond: z.number().int().min(1).max(1000).default(5),
  /** History queries one client (a user's device) may make per minute; more are refused with 1028. */
  clientHistoryQueriesPerMinute: z.number().int().min(1).max(10_000).default(120),
  /** Joins, leaves, logins and logouts one client may do per minute; more are refused with 1028. */
  clientMembershipOperationsPerMinute: z.number().int().min(1).max(10_000).default(30),
  /** Uploads (POST /files): the largest file a client may upload, in bytes (20 MiB by default, at most 100 MiB). */
  fileMaxBytes: z.number().int().min(1024).max(100 * 1024 * 1024).default(20 * 1024 * 1024),
  /** Uploads: the media types a client may upload, exact (application/pdf) or by family (image/*); * allows every type. */
  fileAllowedTypes: z
    .array(z.string().regex(/^(\*|[\w.+-]+\/(\*|[\w.+-]+))$/, "fileAllowedTypes lists media types (image/png), families (image/*) or *"))
    .default(["image/*", "audio/*", "video/*", "application/pdf", "text/plain", "application/zip"]),
  /** Uploads one user may make per minute, counted on every node; more are refused with 1028. */
  fileUploadsPerMinute: z.number().int().min(1).max(10_000).default(30),
  /** With multi-device sync: how many days back a new device or a reinstall recovers. */
  compensationDays: z.number().int().min(1).max(7).default(1),
  /** A user is in one open channel at a time: joining another leaves the first. */
  openChannelOneAtATime: z.boolean().default(true),
  /** Messages an open channel takes per second; beyond it messages are dropped, low-priority types first. */
  openChannelMessagesPerSecond: z.number().int().min(1).max(100_000).default(200),
  /** Open-channel message types dropped last, and first, under load. */
  openChannelPriorityMessageTypes: z.array(z.string()).default([]),
  openChannelLowPriorityMessageTypes: z.array(z.string()).default([]),
  /**
   * Offline push (lib/chat/products/push): a Google service account key (JSON text) turns FCM on;
   * the key id, team id, .p8 key and bundle id turn APNs on; a URL receives every push as
   * a signed webhook. The endpoints are settable so a deployment can use a relay.
   */
  pushFcmServiceAccount: z.string().refine(isServiceAccountOrEmpty, "pushFcmServiceAccount must be a service account key (JSON with project_id, client_email and private_key), or empty to turn FCM off").default(""),
  pushFcmEndpoint: httpUrl("pushFcmEndpoint").default("https://fcm.googleapis.com"),
  pushApnsKeyId: z.string().default(""),
  pushApnsTeamId: z.string().default(""),
  /** The APNs authentication key: the PEM text of the .p8 file. */
  pushApnsPrivateKey: z.string().default(""),
  /** The app's bundle id (apns-topic). */
  pushApnsTopic: z.string().default(""),
  pushApnsEndpoint: httpUrl("pushApnsEndpoint").default("https://api.push.apple.com"),
  pushWebhookUrl: z.union([z.literal(""), httpUrl("pushWebhookUrl")]).default(""),
  /** Where the app's webhook events go: each endpoint with the event types it takes (none listed: all) and its style. */
  webhookEndpoints: z
    .array(
      z.object({
        url: z.url({ protocol: /^https?$/, error: "a webhook url is an http(s) URL" }),
        events: z.array(z.string()).default([]),
        style: webhookStyleSchema.default("v4"),
      }),
    )
    .max(10)
    .default([]),
  /** Hours an event is retried (with growing pauses) before it counts as failed. */
  webhookRetryHours: z.number().int().min(1).max(72).default(24),
  /** Also route messages the app server sent (Platform API) as message:send events. */
  webhookServerMessages: z.boolean().default(false),
  /** Message types of the app's own, with how they are kept: see lib/chat/base/messages/message-kinds.ts. */
  customMessageTypes: z
    .array(
      z.object({
        name: z
          .string()
          .regex(/^[A-Za-z0-9:_.-]{1,32}$/, "a custom message type name is 1 to 32 letters, digits and : _ . -")
          .refine((name) => !name.startsWith("RC:"), "custom message type names must not start with RC:"),
        persisted: z.boolean(),
        counted: z.boolean(),
      }),
    )
    .default([]),
  /** Pre-delivery hook (lib/chat/products/moderation/pre-delivery-hook.ts): the app's URL that approves messages before they are stored; "" is off. */
  preMessagingHookUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "preMessagingHookUrl must be an http(s) URL, or empty to turn the hook off" })]).default(""),
  /** The channel types whose messages go through the hook. */
  preMessagingHookEvents: z.array(z.enum(preMessagingEvents)).default([...preMessagingEvents]),
  /** How long a sender waits at most for the hook's answer, retries included. */
  preMessagingHookTimeoutMs: z.number().int().min(100).max(30_000).default(5000),
  /** When the hook cannot be reached or answers nonsense: refuse the message (as the compatible service does) or deliver it. */
  preMessagingHookOnFailure: z.enum(["block", "deliver"]).default("block"),
  /** v4: an event envelope answered `{pass, extra, content, pushContent}`; legacy: the older API's message callback, answered `{pass, replaceContent, replacePushContent, extra}`. */
  preMessagingHookStyle: webhookStyleSchema.default("v4"),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;
export const settingNames = Object.keys(appSettingsSchema.shape) as (keyof AppSettings)[];

/** Settings as stored: the secret ones sealed (SWITCHBOARD_ENCRYPTION_KEY), as App Secrets are. */
function parseSettings(json: string): AppSettings {
  const stored = JSON.parse(json) as Record<string, unknown>;
  for (const name of secretSettingNames) if (typeof stored[name] === "string") stored[name] = secretSealer.open(stored[name]);
  return appSettingsSchema.parse(stored);
}

function storedSettings(settings: Record<string, unknown>): string {
  const stored = { ...settings };
  for (const name of secretSettingNames) if (typeof stored[name] === "string" && stored[name] !== "") stored[name] = secretSealer.seal(stored[name]);
  return JSON.stringify(stored);
}

/**
 * Stored settings with every secret sealed (`rotating`: sealed with the current key), or null
 * when none needs it; throws, as opening App Secrets does, when a sealed one does not open.
 */
export function sealedSecretSettings(json: string, options: { rotating?: boolean } = {}): string | null {
  const stored = JSON.parse(json) as Record<string, unknown>;
  const names = secretSettingNames.filter((name) => typeof stored[name] === "string" && stored[name] !== "");
  const opened = { ...stored };
  for (const name of names) opened[name] = secretSealer.open(stored[name] as string);
  const stale = (value: string) => (options.rotating ? !secretSealer.sealedWithCurrentKey(value) : !isSealedSecret(value));
  return names.some((name) => stale(stored[name] as string)) ? storedSettings(opened) : null;
}

const cache = createCache<AppSettings>({
  name: "app-settings",
  maxEntries: 10_000,
  ttlMs: 2000,
  load: async (appId) => {
    const app = await db.app.findUnique({ where: { id: appId }, select: { settings: true } });
    return app && parseSettings(app.settings);
  },
});

/** An app's settings, read from a cache that every node drops when they change. */
export async function getAppSettings(appId: string): Promise<AppSettings> {
  return (await cache.get(appId)) ?? appSettingsSchema.parse({});
}

/** Turns the text of a setting (from the CLI or a form) into its typed value. */
function parseSettingValue(name: string, text: string): unknown {
  const field = appSettingsSchema.shape[name as keyof AppSettings];
  if (!field) throw new ChatError("invalidParameter", `Unknown setting ${name}; settings: ${settingNames.join(", ")}`);
  const defaultValue = field.parse(undefined);
  if (typeof defaultValue === "boolean") {
    if (text !== "true" && text !== "false") throw new ChatError("invalidParameter", `${name} must be true or false`);
    return text === "true";
  }
  if (typeof defaultValue === "number") return Number(text);
  if (typeof defaultValue === "object") {
    return parseJsonInput(text, name, () => new ChatError("invalidParameter", `${name} must be a JSON ${Array.isArray(defaultValue) ? "array" : "object"}`));
  }
  return text;
}

/** Changes some settings of an app, given as text (the CLI), and returns them all. */
export async function updateAppSettings(input: { appKey: string; changes: Record<string, string> }): Promise<AppSettings> {
  const changes = Object.fromEntries(Object.entries(input.changes).map(([name, text]) => [name, parseSettingValue(name, text)]));
  return changeAppSettings(await findAppId(input.appKey), () => changes);
}

/** Changes some settings of an app, given as typed values by name (the console), and returns them all. */
export async function patchAppSettings(appId: string, changes: Record<string, unknown>): Promise<AppSettings> {
  const unknown = Object.keys(changes).find((name) => !(name in appSettingsSchema.shape));
  if (unknown) throw new ChatError("invalidParameter", `Unknown setting ${unknown}; settings: ${settingNames.join(", ")}`);
  return changeAppSettings(appId, () => changes as Partial<AppSettings>);
}

/**
 * Applies a change to an app's typed settings and returns them all. Every node drops its
 * cached copy at once (bus), so the change is in force everywhere within moments.
 */
export async function changeAppSettings(appId: string, change: (settings: AppSettings) => Partial<AppSettings>): Promise<AppSettings> {
  const app = await db.app.findUniqueOrThrow({ where: { id: appId }, select: { settings: true } });
  const current = parseSettings(app.settings);
  const changed = checkSettings({ ...current, ...change(current) });
  await db.app.update({ where: { id: appId }, data: { settings: storedSettings(changed) } });
  await cache.invalidate(appId);
  return changed;
}

/** The settings, or a refusal that names the setting at fault. */
function checkSettings(value: unknown): AppSettings {
  const parsed = appSettingsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = issue.path.join(".");
  throw new ChatError("invalidParameter", issue.message.startsWith(String(issue.path[0])) ? issue.message : `${name}: ${issue.message}`);
}

/** Settings whose values are keys: the console shows whether they are set, never the value. */
export const secretSettingNames = ["pushFcmServiceAccount", "pushApnsPrivateKey"] as const satisfies (keyof AppSettings)[];

/** Settings as the console may show them: secrets blanked, with whether each is set; and every default. */
export function consoleSettingsView(settings: AppSettings) {
  const shown: Record<string, unknown> = { ...settings };
  for (const name of secretSettingNames) shown[name] = "";
  return {
    settings: shown as AppSettings,
    secretsSet: Object.fromEntries(secretSettingNames.map((name) => [name, settings[name] !== ""])),
    defaults: appSettingsSchema.parse({}),
  };
}

export async function getAppSettingsByKey(appKey: string): Promise<AppSettings> {
  const app = await db.app.findUnique({ where: { key: appKey }, select: { settings: true } });
  if (!app) throw new ChatError("notFound", `No app has the App Key ${appKey}`);
  return parseSettings(app.settings);
}
