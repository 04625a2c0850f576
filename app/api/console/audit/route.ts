import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { findAuditEntries } from "@/lib/chat/base/audit/audit-log";

const auditQuery = z.object({ appKey: z.string().optional(), limit: z.coerce.number().int().min(1).max(200).optional() });

export const GET = consoleRoute({ query: auditQuery }, async ({ query }) => ({ entries: await findAuditEntries(query) }));
