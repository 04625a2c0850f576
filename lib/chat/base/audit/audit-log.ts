import type { AuditEntryView } from "../../../contract";
import { db } from "../../../db/client";
import { redactSecrets } from "../redact-secrets";

/** Records a change made in the console; its input is kept with secrets redacted. */
export async function recordAudit(input: { operator: { id: string; email: string }; action: string; appKey?: string; details?: unknown }): Promise<void> {
  await db.auditEntry.create({
    data: { operatorId: input.operator.id, operatorEmail: input.operator.email, action: input.action, appKey: input.appKey ?? null, details: JSON.stringify(redactSecrets(input.details ?? {})) },
  });
}

/** The newest changes first, of one app or of the whole installation. */
export async function findAuditEntries(input: { appKey?: string; limit?: number }): Promise<AuditEntryView[]> {
  const entries = await db.auditEntry.findMany({
    where: input.appKey === undefined ? {} : { appKey: input.appKey },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit ?? 50,
  });
  return entries.map((entry) => ({ ...entry, createdAt: entry.createdAt.toISOString(), details: JSON.parse(entry.details) as unknown }));
}
