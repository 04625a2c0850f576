import { randomUUID } from "node:crypto";
import { db } from "../../../db/client";
import { env } from "../../../env";
import type { Platform } from "../../base/apps/platforms";

/** This process among the nodes sharing the database: the wills of its sessions name it. */
const thisNodeId = randomUUID();

/** A node counts as alive this long after it last renewed its lease; it renews four times as often. */
export const nodeLeaseMs = env.SWITCHBOARD_NODE_LEASE_SECONDS * 1000;

/** Most wills of dead nodes one node takes over at a time. */
const adoptionBatch = 200;

/** A will as kept: the session it is for, and the message (JSON text) to send for it. */
export type KeptWill = { sessionId: string; appId: string; userId: string; platform: Platform; message: string };

export async function renewNodeLease(): Promise<void> {
  const expiresAt = new Date(Date.now() + nodeLeaseMs);
  await db.nodeLease.upsert({ where: { nodeId: thisNodeId }, create: { nodeId: thisNodeId, expiresAt }, update: { expiresAt } });
}

/** A node shutting down cleanly: its sessions' wills were dropped as they closed. */
export async function endNodeLease(): Promise<void> {
  await db.nodeLease.deleteMany({ where: { nodeId: thisNodeId } });
}

/** Keeps (or replaces) a session's will where every node can send it, under this node. */
export async function keepWill(will: KeptWill): Promise<void> {
  const row = { ...will, nodeId: thisNodeId };
  await db.sessionWill.upsert({ where: { sessionId: will.sessionId }, create: row, update: row });
}

export async function dropWill(sessionId: string): Promise<void> {
  await db.sessionWill.deleteMany({ where: { sessionId } });
}

/**
 * Takes over the wills of nodes whose lease ran out, moving each to this node: one node takes
 * each, and should this one die before sending them, the next takes them over in turn.
 */
export async function adoptOrphanedWills(): Promise<KeptWill[]> {
  const live = await db.nodeLease.findMany({ where: { expiresAt: { gt: new Date() } }, select: { nodeId: true } });
  const orphans = await db.sessionWill.findMany({
    where: { nodeId: { notIn: [thisNodeId, ...live.map((lease) => lease.nodeId)] } },
    select: { sessionId: true, appId: true, userId: true, platform: true, message: true, nodeId: true },
    orderBy: { createdAt: "asc" },
    take: adoptionBatch,
  });
  const adopted: KeptWill[] = [];
  for (const { nodeId, ...will } of orphans) {
    const { count } = await db.sessionWill.updateMany({ where: { sessionId: will.sessionId, nodeId }, data: { nodeId: thisNodeId } });
    if (count === 1) adopted.push({ ...will, platform: will.platform as Platform });
  }
  await db.nodeLease.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - nodeLeaseMs) } } });
  return adopted;
}
