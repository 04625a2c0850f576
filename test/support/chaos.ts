import WebSocket from "ws";
import { ChannelType, type ChatMessage, ChatCallError, SwitchboardClient, type Platform } from "@switchboard/sdk";
import { waitUntil } from "./chat-clients";
import type { TestDatabase } from "./databases";
import type { FaultProxy } from "./fault-proxy";
import { callApi, issueToken, type TestApp } from "./platform-api";
import type { TestServer } from "./test-server";

/**
 * The chaos test's world: users with several devices each chat directly, in a group and in
 * a community while faults are injected; the checker then compares what every device holds
 * with what the database stored and what was acknowledged.
 */

const groupId = "crew";
const communityId = "guild";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomBetween = (low: number, high: number) => low + Math.random() * (high - low);

type Target = { kind: "direct"; userId: string } | { kind: "group" } | { kind: "community" };

/** One send as the app asked for it: acknowledged (with the stored message) or given up. */
type SendAttempt = { clientMessageId: string; sender: Device; target: Target; acknowledged?: ChatMessage; failures: number };

/** A user's device: an SDK client and every message its app was handed. */
export class Device {
  /** Each message the app received, by id (an app stores them so). */
  readonly received = new Map<string, ChatMessage>();
  /** How often the SDK handed the app each message as new: must never exceed one. */
  readonly handedOut = new Map<string, number>();
  constructor(
    readonly userId: string,
    readonly platform: Platform,
    readonly client: SwitchboardClient,
  ) {
    client.onMessage((message) => {
      this.handedOut.set(message.messageId, (this.handedOut.get(message.messageId) ?? 0) + 1);
      this.received.set(message.messageId, message);
    });
    // Communities keep no offline cache: after every connect the app pages back through what it missed.
    client.centrifuge.on("connected", () => void this.catchUpCommunity().catch(() => {}));
  }

  get name() {
    return `${this.userId}/${this.platform}`;
  }

  /** Pages the community's history back from the newest message to the first one it holds without a gap before it. */
  async catchUpCommunity() {
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await this.client.history({ channelType: ChannelType.community, channelId: communityId, beforeSeq, limit: 100 });
      for (const message of page.messages) if (!this.received.has(message.messageId)) this.received.set(message.messageId, message);
      const oldest = page.messages.at(-1)?.seq;
      if (!page.hasMore || oldest === undefined || oldest <= this.gapFreeCommunitySeq()) return;
      beforeSeq = oldest;
    }
  }

  private gapFreeCommunitySeq() {
    const seqs = new Set([...this.received.values()].filter((message) => message.channelType === ChannelType.community).map((message) => message.seq));
    let seq = 0;
    while (seqs.has(seq + 1)) seq++;
    return seq;
  }
}

export type ChaosWorld = { app: TestApp; users: string[]; devices: Device[]; attempts: SendAttempt[] };

/** Users with a web, a mobile and a desktop device each, connected at `wsUrl`, in one group and one community. */
export async function createChaosWorld(input: { server: TestServer; app: TestApp; wsUrl: string; userCount: number }): Promise<ChaosWorld> {
  const users = Array.from({ length: input.userCount }, (_, index) => `user-${index}`);
  const devices: Device[] = [];
  for (const userId of users) {
    for (const platform of ["web", "mobile", "desktop"] as const) {
      const client = new SwitchboardClient({ url: input.wsUrl, token: await issueToken(input.server, input.app, userId), websocket: WebSocket, platform, outbox: false });
      devices.push(new Device(userId, platform, client));
    }
  }
  const api = async (path: string, body: Record<string, unknown>) => {
    const answer = await callApi(input.server, input.app, path, body);
    if (answer.status !== 200) throw new Error(`${path}: ${JSON.stringify(answer.body)}`);
  };
  await api("/v4/group-channel/create", { channelId: groupId, name: "Crew", owner: users[0], userIds: users });
  await api("/v4/community-channel/create", { userId: users[0], channelId: communityId, name: "Guild" });
  for (const userId of users.slice(1)) await api("/v4/community-channel/join", { userId, channelId: communityId });
  await Promise.all(devices.map((device) => device.client.connect()));
  return { app: input.app, users, devices, attempts: [] };
}

export type FaultCounts = { connectionsDropped: number; connectionsDelayed: number; serverKills: number };

/**
 * Runs the world's chat for `durationMs` while cutting and delaying random connections
 * through `proxy` and calling each `kill` at its moment; then lets every client reconnect
 * and catch up.
 */
export async function runChaos(input: { world: ChaosWorld; proxy: FaultProxy; durationMs: number; kills: { atMs: number; run: () => Promise<void> }[] }) {
  const faults: FaultCounts = { connectionsDropped: 0, connectionsDelayed: 0, serverKills: 0 };
  const deadline = Date.now() + input.durationMs;
  const senders = input.world.devices.map((device) => sendUntil({ world: input.world, device, deadline }));

  const kills = input.kills.map(async (kill) => {
    await sleep(kill.atMs);
    await kill.run();
    faults.serverKills++;
  });
  while (Date.now() < deadline) {
    await sleep(randomBetween(300, 900));
    if (Math.random() < 0.5) faults.connectionsDropped += input.proxy.dropRandom(1 + Math.floor(Math.random() * 2));
    if (Math.random() < 0.5) {
      input.proxy.delayRandom({ delayMs: randomBetween(100, 1500), forMs: randomBetween(500, 3000) });
      faults.connectionsDelayed++;
    }
  }
  await Promise.all([...kills, ...senders]);
  return faults;
}

/** Sends from one device until the deadline: each send retried with its client message id until acknowledged, or sometimes given up (the devices have no outbox: the app retries, as this test models). */
async function sendUntil(input: { world: ChaosWorld; device: Device; deadline: number }) {
  const { world, device } = input;
  const others = world.users.filter((userId) => userId !== device.userId);
  for (let count = 0; Date.now() < input.deadline; count++) {
    const roll = Math.random();
    const target: Target = roll < 0.5 ? { kind: "direct", userId: others[Math.floor(Math.random() * others.length)]! } : roll < 0.8 ? { kind: "group" } : { kind: "community" };
    const attempt: SendAttempt = { clientMessageId: `${device.name}#${count}`, sender: device, target, failures: 0 };
    world.attempts.push(attempt);
    // Sends still failing well after the deadline are given up like the rest: the client gave up.
    while (!attempt.acknowledged && Date.now() < input.deadline + 30_000) {
      try {
        attempt.acknowledged = await send(device, attempt);
      } catch (error) {
        if (!isTransient(error)) throw error;
        attempt.failures++;
        if (Math.random() < 0.2) break;
        await sleep(randomBetween(50, 300));
      }
    }
    await sleep(randomBetween(50, 250));
  }
}

function send(device: Device, attempt: SendAttempt): Promise<ChatMessage> {
  const text = { content: { content: attempt.clientMessageId }, clientMessageId: attempt.clientMessageId };
  if (attempt.target.kind === "direct") return device.client.sendMessage({ channelType: ChannelType.direct, channelId: attempt.target.userId, ...text });
  if (attempt.target.kind === "group") return device.client.sendMessage({ channelType: ChannelType.group, channelId: groupId, ...text });
  return device.client.sendMessage({ channelType: ChannelType.community, channelId: communityId, ...text });
}

/** A send that failed because of the faults (the client's timeout or lost connection, an unavailable server), not a refusal. */
function isTransient(error: unknown) {
  return error instanceof ChatCallError && (error.code < 100 || error.temporary);
}

/** Waits until every device is connected again and holds what it should, then returns the checker's report. */
export async function settleAndCheck(input: { world: ChaosWorld; database: TestDatabase }) {
  const { devices } = input.world;
  // As an app would: catch up once connected, again if the connection drops meanwhile.
  await Promise.all(
    devices.map(async (device) => {
      for (let tries = 0; ; tries++) {
        await waitUntil(() => device.client.centrifuge.state === "connected", 30_000);
        try {
          return await Promise.all([device.client.sync(), device.catchUpCommunity()]);
        } catch (error) {
          if (!isTransient(error) || tries === 10) throw error;
        }
      }
    }),
  );
  let report = await checkDeliveries(input);
  for (let tries = 0; tries < 100 && report.problems.missingDeliveries.length > 0; tries++) {
    await sleep(100);
    report = await checkDeliveries(input);
  }
  return report;
}

type StoredMessage = { id: string; channelId: string; seq: number; senderId: string; clientMessageId: string | null };

/**
 * What the checker found: every acknowledged message stored and held by every device of
 * every member; every channel's stored sequence gap-free and held whole by its members'
 * devices, each message at its stored position; never a message handed to an app twice,
 * and never two messages for one client message id.
 */
export async function checkDeliveries(input: { world: ChaosWorld; database: TestDatabase }) {
  const { world, database } = input;
  const [{ id: appId }] = (await database.query<{ id: string }>(`SELECT "id" FROM "App" WHERE "key" = $1`, [world.app.appKey])) as [{ id: string }];
  const stored = await database.query<StoredMessage>(`SELECT "id", "channelId", "seq", "senderId", "clientMessageId" FROM "Message" WHERE "appId" = $1`, [appId]);
  const storedById = new Map(stored.map((message) => [message.id, message]));
  const attemptsById = new Map(world.attempts.map((attempt) => [attempt.clientMessageId, attempt]));
  const acknowledged = world.attempts.filter((attempt) => attempt.acknowledged);

  const membersOf = (attempt: SendAttempt) => (attempt.target.kind === "direct" ? [attempt.sender.userId, attempt.target.userId] : world.users);
  // A device holds what its app was handed and what it sent and saw acknowledged.
  const sentBy = new Map(world.devices.map((device) => [device, new Set(acknowledged.filter((attempt) => attempt.sender === device).map((attempt) => attempt.acknowledged!.messageId))]));
  const holds = (device: Device, messageId: string) => device.received.has(messageId) || sentBy.get(device)!.has(messageId);

  const missingDeliveries: string[] = [];
  const notStored = acknowledged.filter((attempt) => !storedById.has(attempt.acknowledged!.messageId)).map((attempt) => attempt.clientMessageId);
  for (const attempt of acknowledged) {
    for (const device of world.devices.filter((device) => membersOf(attempt).includes(device.userId))) {
      if (!holds(device, attempt.acknowledged!.messageId)) missingDeliveries.push(`${attempt.clientMessageId} → ${device.name}`);
    }
  }

  // Per stored channel: its sequence must be 1..n, and each member device must hold all of it at those positions.
  const channels = groupBy(stored, (message) => message.channelId);
  const sequenceGaps: string[] = [];
  const channelHoles: string[] = [];
  for (const [channelId, messages] of channels) {
    const seqs = messages.map((message) => message.seq).sort((a, b) => a - b);
    if (seqs.some((seq, index) => seq !== index + 1)) sequenceGaps.push(channelId);
    const attempt = attemptsById.get(messages[0]!.clientMessageId ?? "");
    const members = attempt ? membersOf(attempt) : world.users;
    for (const device of world.devices.filter((device) => members.includes(device.userId))) {
      const held = messages.filter((message) => holds(device, message.id)).length;
      if (held !== messages.length) channelHoles.push(`${device.name} holds ${held} of ${messages.length} in ${channelId}`);
    }
  }
  const misplaced = world.devices.flatMap((device) =>
    [...device.received.values()].filter((message) => storedById.get(message.messageId)?.seq !== message.seq).map((message) => `${message.messageId} at ${message.seq} on ${device.name}`),
  );
  const handedOutTwice = world.devices.flatMap((device) => [...device.handedOut].filter(([, count]) => count > 1).map(([messageId]) => `${messageId} on ${device.name}`));
  const byClientMessageId = groupBy(stored, (message) => `${message.senderId}:${message.clientMessageId}`);
  const storedTwice = [...byClientMessageId].filter(([, messages]) => messages.length > 1).map(([key]) => key);
  // Each message's text is its client message id.
  const receivedIdsPerClientMessageId = new Map<string, Set<string>>();
  for (const device of world.devices) {
    for (const message of device.received.values()) {
      const clientMessageId = String(message.content.content);
      receivedIdsPerClientMessageId.set(clientMessageId, (receivedIdsPerClientMessageId.get(clientMessageId) ?? new Set()).add(message.messageId));
    }
  }
  const receivedAsTwo = [...receivedIdsPerClientMessageId].filter(([, ids]) => ids.size > 1).map(([clientMessageId]) => clientMessageId);

  return {
    figures: {
      sendsAttempted: world.attempts.length,
      acknowledged: acknowledged.length,
      givenUp: world.attempts.length - acknowledged.length,
      // The group's creation notice is stored too, but was no send of the test's.
      storedWithoutAcknowledgement: stored.filter((message) => attemptsById.has(message.clientMessageId ?? "")).length - acknowledged.length,
      retries: world.attempts.reduce((sum, attempt) => sum + attempt.failures, 0),
      deliveriesChecked: acknowledged.reduce((sum, attempt) => sum + world.devices.filter((device) => membersOf(attempt).includes(device.userId)).length, 0),
      lost: missingDeliveries.length + notStored.length,
    },
    /** Each kind of failure the checker looks for, with what it found: all empty when nothing was lost. */
    problems: { notStored, missingDeliveries, sequenceGaps, channelHoles, misplaced, handedOutTwice, storedTwice, receivedAsTwo },
  };
}

/** The kinds of problem found, with their findings (the first few): `[]` when none. */
export const problemsFound = (report: { problems: Record<string, string[]> }) =>
  Object.entries(report.problems)
    .filter(([, findings]) => findings.length > 0)
    .map(([kind, findings]) => ({ kind, count: findings.length, first: findings.slice(0, 5) }));

// Map.groupBy arrives with Node 21.
function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
