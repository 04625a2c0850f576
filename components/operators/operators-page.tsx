"use client";

import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorMessage, TextField } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format-date";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import type { OperatorView } from "@/lib/contract";
import { auditQuery, operatorsQuery, useOperatorMutations } from "./operator-queries";

const roles = [
  { value: "owner", label: "Owner: everything, including operators" },
  { value: "admin", label: "Admin: apps and their chat" },
  { value: "viewer", label: "Viewer: looks, changes nothing" },
];

export function OperatorsPage({ me, isOwner }: { me: string; isOwner: boolean }) {
  const [inviting, setInviting] = useState(false);
  return (
    <>
      <PageHeader
        title="Operators"
        description={isOwner ? "Who can sign in to this console, and what they may do." : "Only an owner can invite operators or change their roles."}
        action={isOwner && <Button onClick={() => setInviting(true)}>Invite operator</Button>}
      />
      <div className="space-y-6">
        <OperatorList me={me} isOwner={isOwner} />
        <AuditLog />
      </div>
      <InviteDialog open={inviting} onClose={() => setInviting(false)} />
    </>
  );
}

function OperatorList({ me, isOwner }: { me: string; isOwner: boolean }) {
  const operators = useQuery(operatorsQuery());
  return (
    <Card>
      {operators.isPending && <SkeletonRows label="Loading the operators" rows={3} />}
      {operators.isError && (
        <div className="p-6">
          <ErrorMessage>{operators.error.message}</ErrorMessage>
        </div>
      )}
      {operators.data && (
        <ul aria-label="Operators" className="divide-y divide-slate-100">
          {operators.data.map((operator) => (
            <OperatorRow key={operator.id} operator={operator} isMe={operator.id === me} isOwner={isOwner} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function OperatorRow({ operator, isMe, isOwner }: { operator: OperatorView; isMe: boolean; isOwner: boolean }) {
  const { changeRole, remove } = useOperatorMutations();
  const [removing, setRemoving] = useState(false);
  const toast = useToast();
  return (
    <li className="flex flex-wrap items-center gap-3 px-6 py-3">
      <div className="min-w-0">
        <p className="text-sm font-medium text-slate-900">
          {operator.name} {isMe && <Badge>you</Badge>}
        </p>
        <p className="text-xs text-slate-500">{operator.email}</p>
      </div>
      <div className="ml-auto flex items-center gap-2">
        {isOwner && !isMe ? (
          <select
            aria-label={`Role of ${operator.email}`}
            value={operator.role}
            onChange={(event) => {
              const role = event.target.value;
              changeRole.mutate({ id: operator.id, role }, { onSuccess: () => toast.success(`${operator.email} is now ${role}`), onError: (error) => toast.error(error.message) });
            }}
            className="rounded-lg px-2 py-1.5 text-sm ring-1 ring-slate-300 ring-inset"
          >
            {roles.map((role) => (
              <option key={role.value} value={role.value}>
                {role.value}
              </option>
            ))}
          </select>
        ) : (
          <Badge tone={operator.role === "owner" ? "green" : "gray"}>{operator.role}</Badge>
        )}
        {isOwner && !isMe && (
          <Button size="sm" variant="ghost" onClick={() => setRemoving(true)}>
            Remove
          </Button>
        )}
      </div>
      <ConfirmDialog
        open={removing}
        onClose={() => setRemoving(false)}
        title={`Remove ${operator.email}?`}
        description="They can no longer sign in; their entries in the audit log stay."
        confirmLabel="Remove operator"
        onConfirm={() => remove.mutateAsync(operator.id)}
        done="Operator removed"
      />
    </li>
  );
}

function InviteDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { invite } = useOperatorMutations();
  const close = () => {
    // The password leaves memory with the dialog.
    invite.reset();
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    invite.mutate({ email: String(form.get("email")), name: String(form.get("name")), role: String(form.get("role")) });
  };
  return (
    <Dialog open={open} onClose={close} title={invite.isSuccess ? "Operator invited" : "Invite an operator"}>
      {invite.isSuccess ? (
        <div className="space-y-4 text-sm text-slate-700">
          <p>
            Pass these on to {invite.data.operator.email}; the password is shown only now (reset it with <code>npx switchboard operators reset-password</code>).
          </p>
          <div className="flex items-center justify-between gap-2 rounded-lg bg-slate-50 px-3 py-2 font-mono">
            <span data-testid="invited-password">{invite.data.password}</span>
            <CopyButton value={invite.data.password} name="Copy password" />
          </div>
          <DialogActions>
            <Button onClick={close}>Done</Button>
          </DialogActions>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-4">
          <TextField label="Email" name="email" type="email" required autoFocus />
          <TextField label="Name" name="name" />
          <label className="block text-sm font-medium text-slate-700">
            Role
            <select name="role" defaultValue="admin" className="mt-1.5 block h-9 w-full rounded-lg px-3 text-sm ring-1 ring-slate-300 ring-inset">
              {roles.map((role) => (
                <option key={role.value} value={role.value}>
                  {role.label}
                </option>
              ))}
            </select>
          </label>
          {invite.error && <ErrorMessage>{invite.error.message}</ErrorMessage>}
          <DialogActions>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" pending={invite.isPending}>
              Invite
            </Button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}

function AuditLog() {
  const [appKey, setAppKey] = useState("");
  const entries = useQuery(auditQuery(appKey.trim()));
  return (
    <Card>
      <CardHeader
        title="Audit log"
        description="Every change made in the console, newest first; secrets are never recorded."
        action={
          <label className="flex items-center gap-2 text-sm text-slate-500">
            App Key
            <input value={appKey} onChange={(event) => setAppKey(event.target.value)} placeholder="all apps" className="h-8 w-40 rounded-lg px-2 text-sm ring-1 ring-slate-300 ring-inset" />
          </label>
        }
      />
      {entries.isPending && <SkeletonRows label="Loading the audit log" />}
      {entries.data?.length === 0 && <EmptyState title="Nothing yet" description="Changes made in the console appear here." />}
      {entries.data && entries.data.length > 0 && (
        <ul aria-label="Audit log" className="divide-y divide-slate-100">
          {entries.data.map((entry) => (
            <li key={entry.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 px-6 py-2.5 text-sm">
              <span className="w-40 shrink-0 text-slate-500">{formatDateTime(entry.createdAt)}</span>
              <span className="font-mono text-xs text-slate-900">{entry.action}</span>
              <span className="text-slate-600">{entry.operatorEmail}</span>
              {entry.appKey && <span className="font-mono text-xs text-slate-400">{entry.appKey}</span>}
              <code className="basis-full truncate text-xs text-slate-500">{JSON.stringify(entry.details)}</code>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
