"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { PageHeader } from "@/components/console/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorMessage } from "@/components/ui/field";
import { userSearchQuery } from "@/components/users/user-queries";
import type { IssuedToken } from "@/lib/contract";
import { EventLog } from "./event-log";
import { describeDelivery, type LogEntry, logLimit, type NewLogEntry } from "./playground-log";
import { playgroundDeliveriesQuery, useCreateTestUser, useIssueTokens } from "./playground-queries";
import { SessionPanel } from "./session-panel";

/** Sessions the playground opens side by side (the token route's limit). */
const maxSessions = 8;

/**
 * The chat playground: real client sessions of the app's users in the operator's browser,
 * side by side, and a live log of what each received and of the webhooks the app's endpoints
 * were sent. Tokens come from the console (admins only, each issue audited).
 */
export function PlaygroundPage({ appKey, canUse }: { appKey: string; canUse: boolean }) {
  const [sessions, setSessions] = useState<{ tokens: IssuedToken[]; openedAt: number } | null>(null);
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const nextId = useRef(1);
  const addLog = useCallback((entry: NewLogEntry) => {
    const line = { ...entry, id: nextId.current++, at: Date.now() };
    setEntries((current) => [line, ...current].slice(0, logLimit));
  }, []);

  return (
    <>
      <PageHeader
        title="Chat playground"
        description="Open real client sessions of the app's users side by side, chat between them, and watch what each session receives and which webhooks your endpoints are sent."
      />
      {!canUse ? (
        <Card>
          <p className="px-6 py-5 text-sm text-slate-600">Only admins and owners can open playground sessions: each one connects with an access token issued to you, recorded in the audit log.</p>
        </Card>
      ) : (
        <div className="space-y-6">
          {sessions ? (
            <>
              <div className="flex flex-wrap items-center justify-between gap-3">
                <p className="text-sm text-slate-500">
                  {sessions.tokens.length} sessions open as web clients. Closing them ends each connection (close code 0 on this side).
                </p>
                <Button variant="secondary" onClick={() => setSessions(null)}>
                  Close sessions
                </Button>
              </div>
              <div className="grid gap-4 lg:grid-cols-2">
                {sessions.tokens.map((token, index) => (
                  <SessionPanel
                    key={token.userId}
                    token={token}
                    // The next user first, so two sessions open facing each other.
                    peers={[...sessions.tokens.slice(index + 1), ...sessions.tokens.slice(0, index)]}
                    onLog={addLog}
                  />
                ))}
              </div>
            </>
          ) : (
            <UserPicker appKey={appKey} onOpen={(tokens) => setSessions({ tokens, openedAt: Date.now() })} />
          )}
          <WebhookWatch appKey={appKey} since={sessions?.openedAt ?? null} onLog={addLog} />
          <EventLog entries={entries} onClear={() => setEntries([])} />
        </div>
      )}
    </>
  );
}

/** Chooses the users whose sessions open (two or more), from the app's users or new test users. */
function UserPicker({ appKey, onOpen }: { appKey: string; onOpen: (tokens: IssuedToken[]) => void }) {
  const [search, setSearch] = useState("");
  const [selected, setSelected] = useState<string[]>([]);
  // A test user's first token came with its creation: it is used rather than asked for again.
  const [created, setCreated] = useState<Record<string, IssuedToken>>({});
  const users = useQuery(userSearchQuery(appKey, search.trim(), ""));
  const issue = useIssueTokens(appKey);
  const createUser = useCreateTestUser(appKey);
  const toggle = (userId: string) => setSelected((current) => (current.includes(userId) ? current.filter((id) => id !== userId) : [...current, userId].slice(0, maxSessions)));

  const addTestUser = () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    createUser.mutate(
      { userId: `test-${suffix}`, name: `Test user ${suffix}` },
      {
        onSuccess: (token) => {
          setCreated((current) => ({ ...current, [token.userId]: token }));
          setSelected((current) => [...current, token.userId].slice(0, maxSessions));
        },
      },
    );
  };

  const open = async () => {
    const needed = selected.filter((userId) => !created[userId]);
    const issued = needed.length > 0 ? await issue.mutateAsync(needed) : [];
    onOpen(selected.map((userId) => created[userId] ?? issued.find((token) => token.userId === userId)!));
  };

  return (
    <Card>
      <CardHeader
        title="Users"
        description="Pick two or more users of the app, or create test users (registered like any user: they count toward a development app's 100); each gets a session of its own in this browser."
        action={
          <Button variant="secondary" pending={createUser.isPending} onClick={addTestUser}>
            Create test user
          </Button>
        }
      />
      <div className="space-y-4 px-6 py-5">
        <input
          aria-label="Find users"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="User id or name"
          className="block h-9 w-full rounded-lg border-0 px-3 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none"
        />
        {users.isError && <ErrorMessage>{users.error.message}</ErrorMessage>}
        {createUser.isError && <ErrorMessage>{createUser.error.message}</ErrorMessage>}
        {issue.isError && <ErrorMessage>{issue.error.message}</ErrorMessage>}
        <ul aria-label="Users to open" className="max-h-64 divide-y divide-slate-100 overflow-y-auto">
          {users.data?.users
            .filter((user) => !user.deleted)
            .map((user) => (
              <li key={user.userId} className="py-1.5">
                <label className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" checked={selected.includes(user.userId)} onChange={() => toggle(user.userId)} />
                  {user.name} <span className="font-mono text-slate-500">{user.userId}</span>
                </label>
              </li>
            ))}
          {users.data && users.data.users.length === 0 && <li className="py-1.5 text-sm text-slate-500">No users match; create test users instead.</li>}
        </ul>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-slate-500">{selected.length === 0 ? "No users chosen" : `Chosen: ${selected.join(", ")}`}</p>
          <Button disabled={selected.length < 2} pending={issue.isPending} onClick={() => void open().catch(() => {})}>
            Open sessions
          </Button>
        </div>
      </div>
    </Card>
  );
}

/**
 * Polls the app's webhook deliveries and logs each one made while sessions are open, again on
 * each change of its status. What the endpoints were sent before is noted while the operator
 * picks users, so the browser's clock need not agree with the server's; only when no poll came
 * back before the sessions opened are deliveries told apart by their time.
 */
function WebhookWatch({ appKey, since, onLog }: { appKey: string; since: number | null; onLog: (entry: NewLogEntry) => void }) {
  const deliveries = useQuery(playgroundDeliveriesQuery(appKey));
  const told = useRef<Map<string, string> | null>(null);
  useEffect(() => {
    if (!deliveries.data) return;
    if (since === null) {
      told.current = new Map(deliveries.data.map((delivery) => [delivery.id, delivery.status]));
      return;
    }
    const baseline = told.current;
    told.current ??= new Map();
    for (const delivery of [...deliveries.data].reverse()) {
      if (told.current.get(delivery.id) === delivery.status) continue;
      told.current.set(delivery.id, delivery.status);
      if (!baseline && Date.parse(delivery.createdAt) < since) continue;
      onLog(describeDelivery(delivery));
    }
  }, [deliveries.data, since, onLog]);
  return null;
}
