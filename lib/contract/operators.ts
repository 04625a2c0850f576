/** A console operator; createdAt an ISO string. */
export type OperatorView = { id: string; email: string; name: string; role: string; createdAt: string };

/** A line of the console's audit log: who did what, to which app, with the change's input (secrets redacted). */
export type AuditEntryView = { id: string; createdAt: string; operatorId: string; operatorEmail: string; action: string; appKey: string | null; details: unknown };
