import type { ReactNode } from "react";

/** One credential in a <dl>: its name, its value, and the buttons that act on it. */
export function CredentialRow({ label, value, children }: { label: string; value: ReactNode; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-2 px-6 py-4 sm:flex-row sm:items-center sm:gap-6">
      <dt className="w-28 shrink-0 text-sm font-medium text-slate-500">{label}</dt>
      <dd className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:items-center sm:gap-6">
        <span className="min-w-0 flex-1 font-mono text-sm break-all text-slate-900">{value}</span>
        <span className="flex shrink-0 gap-2">{children}</span>
      </dd>
    </div>
  );
}
