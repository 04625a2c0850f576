import { createHmac, timingSafeEqual } from "node:crypto";
import { db } from "../../db/client";
import { ChannelType, channelIdSeenBy, splitCommunityChannelId } from "../base/channels/channel-types";
import { ChatError } from "../base/errors";

/** Hours are downloadable for this many days back. */
export const historyDownloadDays = 3;
/** How long a download link works. */
export const historyLinkLifetimeMs = 60 * 60_000;
const pageSize = 1000;

/** The UTC hour a `YYYYMMDDHH` names, within the downloadable window; refused otherwise. */
export function parseHistoryHour(date: string, now = Date.now()): Date {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})$/.exec(date);
  const hour = match && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4])));
  if (!hour || hour.toISOString().slice(0, 13).replace(/\D/g, "") !== date) {
    throw new ChatError("invalidParameter", "date must be an hour as YYYYMMDDHH (UTC), e.g. 2026112409");
  }
  if (hour.getTime() > now) throw new ChatError("invalidParameter", `${date} has not begun yet`);
  if (hour.getTime() + 3_600_000 <= now - historyDownloadDays * 86_400_000) {
    throw new ChatError("invalidParameter", `Only the last ${historyDownloadDays} days of hours can be downloaded; ${date} is older`);
  }
  return hour;
}

type LinkApp = { key: string; secret: string };

/**
 * A download link's signature: an HMAC of the app, the hour and the expiry keyed with the
 * App Secret, so a link names exactly one file, expires, and dies with a secret rotation.
 */
function linkSignature(app: LinkApp, date: string, expires: number): string {
  return createHmac("sha256", app.secret).update(`${app.key}\n${date}\n${expires}`).digest("hex");
}

/** The signed, expiring download link of an hour's messages. */
export function historyDownloadUrl(input: { origin: string; app: LinkApp; date: string; now?: number }): string {
  const expires = (input.now ?? Date.now()) + historyLinkLifetimeMs;
  const query = new URLSearchParams({ app: input.app.key, date: input.date, expires: String(expires), signature: linkSignature(input.app, input.date, expires) });
  return `${input.origin}/message/history/download?${query}`;
}

/** The app and hour a download link names, once its signature and expiry hold. */
export async function verifyHistoryLink(query: URLSearchParams, now = Date.now()): Promise<{ appId: string; appKey: string; hour: Date; date: string }> {
  const refused = () => new ChatError("forbidden", "This download link is not valid or has expired; ask for a new one with /message/history.json");
  const [appKey, date, expires, signature] = ["app", "date", "expires", "signature"].map((name) => query.get(name) ?? "");
  const app = appKey ? await db.app.findUnique({ where: { key: appKey }, select: { id: true, key: true, secret: true } }) : null;
  if (!app || !/^\d+$/.test(expires!) || Number(expires) < now) throw refused();
  const expected = Buffer.from(linkSignature(app, date!, Number(expires)));
  const given = Buffer.from(signature!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused();
  return { appId: app.id, appKey: app.key, hour: parseHistoryHour(date!, now), date: date! };
}

/**
 * Every stored message of the app sent in the hour, oldest first, one JSON object per line,
 * read a page at a time so an hour of any size streams in bounded memory.
 */
export async function* historyLines(input: { appId: string; appKey: string; hour: Date }): AsyncGenerator<string> {
  const end = new Date(input.hour.getTime() + 3_600_000);
  let after: { sentAt: Date; id: string } | undefined;
  for (;;) {
    const page = await db.message.findMany({
      where: {
        appId: input.appId,
        sentAt: { gte: input.hour, lt: end },
        ...(after && { OR: [{ sentAt: { gt: after.sentAt } }, { sentAt: after.sentAt, id: { gt: after.id } }] }),
      },
      orderBy: [{ sentAt: "asc" }, { id: "asc" }],
      take: pageSize,
      select: { id: true, senderId: true, type: true, content: true, sentAt: true, recalledAt: true, channel: { select: { type: true, channelId: true } } },
    });
    for (const message of page) yield `${JSON.stringify(historyLine(input.appKey, message))}\n`;
    if (page.length < pageSize) return;
    after = page.at(-1)!;
  }
}

type StoredMessage = {
  id: string;
  senderId: string;
  type: string;
  content: string;
  sentAt: Date;
  recalledAt: Date | null;
  channel: { type: number; channelId: string };
};

/** A message as the file holds it: the conversation as its sender names it, a subchannel with its community. */
function historyLine(appKey: string, message: StoredMessage) {
  const { channel } = message;
  const target = channel.type === ChannelType.community ? splitCommunityChannelId(channel.channelId) : { channelId: channelIdSeenBy(channel, message.senderId) };
  return {
    appKey,
    msgUID: message.id,
    fromUserId: message.senderId,
    channelType: channel.type,
    targetId: target.channelId,
    ...("subchannelId" in target && { subchannelId: target.subchannelId }),
    objectName: message.type,
    content: message.recalledAt ? null : (JSON.parse(message.content) as unknown),
    ...(message.recalledAt && { recalled: true }),
    sentAt: message.sentAt.getTime(),
    dateTime: message.sentAt.toISOString(),
  };
}
