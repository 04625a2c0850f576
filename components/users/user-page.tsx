"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useState } from "react";
import { PageHeader } from "@/components/console/page-header";
import { MessageList } from "@/components/messages/message-list";
import { messagesQuery } from "@/components/messages/message-queries";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CursorPager, useCursorPages } from "@/components/ui/cursor-pages";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { ErrorMessage } from "@/components/ui/field";
import { formatDate, formatDateTime } from "@/components/ui/format-date";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { appQuery } from "@/components/apps/app-queries";
import type { UserAction, UserOverview } from "@/lib/contract";
import { isForever, useUserAction, userQuery } from "./user-queries";

export function UserPage({ appKey, userId, canEdit }: { appKey: string; userId: string; canEdit: boolean }) {
  const user = useQuery(userQuery(appKey, userId));
  const back = (
    <Link href={`/apps/${encodeURIComponent(appKey)}/users`} className="text-sm text-slate-500 hover:text-slate-900">
      ← Users
    </Link>
  );
  if (user.isPending) return <SkeletonRows label="Loading the user" rows={8} />;
  if (user.isError) {
    return (
      <>
        <PageHeader title={userId} eyebrow={back} />
        <ErrorMessage>{user.error.message}</ErrorMessage>
      </>
    );
  }
  const data = user.data;
  return (
    <>
      <PageHeader
        eyebrow={back}
        title={
          <span className="flex flex-wrap items-center gap-3">
            {data.name || data.userId}
            <span className="font-mono text-base font-normal text-slate-500">{data.userId}</span>
            {data.bannedUntil && <Badge tone="amber">{isForever(data.bannedUntil) ? "Banned forever" : `Banned until ${formatDateTime(data.bannedUntil)}`}</Badge>}
            {data.deletedAt && <Badge>Deleted</Badge>}
          </span>
        }
        description={`Registered ${formatDate(data.createdAt)}${data.tokensValidAfter ? ` · tokens before ${formatDateTime(data.tokensValidAfter)} invalid` : ""}`}
        action={canEdit && <UserActions appKey={appKey} user={data} />}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="lg:col-span-2">
          <CardHeader title="Online sessions" description="Connected now, on every node; refreshed every 5 seconds." />
          {data.sessions.length === 0 ? (
            <p className="px-6 py-5 text-sm text-slate-500">Offline: no session is connected.</p>
          ) : (
            <ul aria-label="Sessions" className="divide-y divide-slate-100">
              {data.sessions.map((session) => (
                <li key={session.sessionId} className="flex flex-wrap gap-x-6 gap-y-1 px-6 py-3 text-sm">
                  <Badge tone="green">{session.platform}</Badge>
                  <span className="text-slate-700">since {formatDateTime(new Date(session.connectedAt).toISOString())}</span>
                  <span className="font-mono text-slate-500">{session.clientIp || "unknown IP"}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <IdList title="Groups" ids={data.groups.map((group) => `${group.channelId}${group.name ? ` (${group.name})` : ""}`)} empty="In no group." />
        <IdList title="Communities" ids={data.communities.map((community) => community.channelId)} empty="In no community." />
        <IdList title="Open channels" ids={data.openChannels} empty="In no open channel." />
        <IdList title="Friends" ids={data.friends} empty="No friends." />
        <IdList title="Blocklist" ids={data.blocklist} empty="Blocks nobody." />
        <SentMessages appKey={appKey} userId={data.userId} canEdit={canEdit} />
      </div>
    </>
  );
}

/** What the user sent, newest first, as the Messages page shows it. */
function SentMessages({ appKey, userId, canEdit }: { appKey: string; userId: string; canEdit: boolean }) {
  const pages = useCursorPages();
  const messages = useQuery({ ...messagesQuery(appKey, { senderId: userId }, pages.cursor), placeholderData: keepPreviousData });
  return (
    <Card className="lg:col-span-2">
      <CardHeader title="Messages sent" description="Newest first, each as it shows in a chat; open one for its stored JSON." />
      {messages.isPending && <SkeletonRows label="Loading messages" rows={3} />}
      {messages.isError && (
        <div className="p-6">
          <ErrorMessage>{messages.error.message}</ErrorMessage>
        </div>
      )}
      {messages.data?.messages.length === 0 && <p className="px-6 py-5 text-sm text-slate-500">No stored message from this user.</p>}
      {messages.data && messages.data.messages.length > 0 && (
        <>
          <MessageList appKey={appKey} messages={messages.data.messages} canEdit={canEdit} label="Messages sent" />
          <CursorPager pages={pages} nextCursor={messages.data.nextCursor} labels={["Newer", "Older"]} />
        </>
      )}
    </Card>
  );
}

function IdList({ title, ids, empty }: { title: string; ids: string[]; empty: string }) {
  return (
    <Card>
      <CardHeader title={`${title} (${ids.length})`} />
      {ids.length === 0 ? (
        <p className="px-6 py-5 text-sm text-slate-500">{empty}</p>
      ) : (
        <ul aria-label={title} className="flex flex-wrap gap-2 px-6 py-4">
          {ids.map((id) => (
            <li key={id} className="rounded-md bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-700">
              {id}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

type Confirmable = { action: UserAction; title: string; description: ReactNode; label: string; done: string };

function UserActions({ appKey, user }: { appKey: string; user: UserOverview }) {
  const act = useUserAction(appKey, user.userId);
  const toast = useToast();
  const [confirming, setConfirming] = useState<Confirmable | null>(null);
  const [banning, setBanning] = useState(false);
  const [deletingForGood, setDeletingForGood] = useState(false);
  const app = useQuery(appQuery(appKey));
  const router = useRouter();
  const run = (action: UserAction, done: string) => act.mutateAsync({ action }).then(() => toast.success(done));
  const ask = (confirmable: Confirmable) => setConfirming(confirmable);
  return (
    <div className="flex flex-wrap gap-2">
      {user.bannedUntil ? (
        <Button variant="secondary" pending={act.isPending} onClick={() => run("unban", "Ban lifted").catch((error: Error) => toast.error(error.message))}>
          Unban
        </Button>
      ) : (
        <Button variant="danger" onClick={() => setBanning(true)}>
          Ban
        </Button>
      )}
      <Button
        variant="secondary"
        onClick={() => ask({ action: "kick", title: `Disconnect every session of ${user.userId}?`, description: "Each device is disconnected now (close code 4503); the user may sign in again.", label: "Disconnect all", done: "Sessions disconnected" })}
      >
        Kick sessions
      </Button>
      <Button
        variant="secondary"
        onClick={() =>
          ask({
            action: "invalidate-tokens",
            title: `Invalidate the tokens of ${user.userId}?`,
            description: "Every token issued until now stops working and connected sessions are closed; your app server must issue a new token.",
            label: "Invalidate tokens",
            done: "Tokens invalidated",
          })
        }
      >
        Invalidate tokens
      </Button>
      {user.deletedAt ? (
        <Button variant="secondary" pending={act.isPending} onClick={() => run("restore", "User restored").catch((error: Error) => toast.error(error.message))}>
          Restore
        </Button>
      ) : (
        <Button
          variant="ghost"
          onClick={() => ask({ action: "delete", title: `Delete ${user.userId}?`, description: "A soft delete: the user cannot connect until restored; their data is kept.", label: "Delete user", done: "User deleted" })}
        >
          Delete
        </Button>
      )}
      {app.data?.environment === "development" && (
        <Button variant="danger" onClick={() => setDeletingForGood(true)}>
          Delete for good
        </Button>
      )}
      <ConfirmDialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming?.title ?? ""}
        description={confirming?.description}
        confirmLabel={confirming?.label ?? ""}
        onConfirm={() => act.mutateAsync({ action: confirming!.action })}
        done={confirming?.done ?? ""}
      />
      <DeleteForGoodDialog
        open={deletingForGood}
        onClose={() => setDeletingForGood(false)}
        userId={user.userId}
        onDelete={(removeMessages) =>
          act.mutateAsync({ action: "delete-for-good", removeMessages }).then(() => {
            toast.success(`${user.userId} deleted for good`);
            router.push(`/apps/${encodeURIComponent(appKey)}/users`);
          })
        }
      />
      <BanDialog open={banning} onClose={() => setBanning(false)} userId={user.userId} onBan={(ban) => act.mutateAsync({ action: "ban", ...ban }).then(() => toast.success("User banned"))} />
    </div>
  );
}

const banDurations = [
  { label: "1 hour", minutes: 60 },
  { label: "1 day", minutes: 1440 },
  { label: "7 days", minutes: 10_080 },
  { label: "30 days", minutes: 43_200 },
];

const banChoices = [...banDurations.map((duration) => ({ value: String(duration.minutes), label: duration.label })), { value: "forever", label: "Forever" }];

function BanDialog({ open, onClose, userId, onBan }: { open: boolean; onClose: () => void; userId: string; onBan: (ban: { durationMinutes?: number; forever?: true }) => Promise<unknown> }) {
  return (
    <ChoiceDialog
      open={open}
      onClose={onClose}
      title={`Ban ${userId}?`}
      description="Every session is closed at once on every node, and connects are refused until the ban ends."
      legend="For how long"
      choices={banChoices}
      initialChoice="1440"
      confirmLabel="Ban user"
      onConfirm={(choice) => onBan(choice === "forever" ? { forever: true } : { durationMinutes: Number(choice) })}
    />
  );
}

/** A development app's user goes for good, with or without the messages they sent. */
function DeleteForGoodDialog({ open, onClose, userId, onDelete }: { open: boolean; onClose: () => void; userId: string; onDelete: (removeMessages: boolean) => Promise<unknown> }) {
  return (
    <ChoiceDialog
      open={open}
      onClose={onClose}
      title={`Delete ${userId} for good?`}
      description="The user, their sessions, memberships, friends and profile are gone and cannot be restored; the id is free again and no longer counts against the development app's 100 users."
      legend="The messages they sent"
      choices={[
        { value: "keep", label: "Keep their messages" },
        { value: "remove", label: "Remove their messages" },
      ]}
      initialChoice="keep"
      confirmLabel="Delete for good"
      onConfirm={(choice) => onDelete(choice === "remove")}
    />
  );
}

/** A dangerous action with one choice to make first (radio buttons); closes when `onConfirm` resolves, shows why it failed otherwise. */
function ChoiceDialog(props: {
  open: boolean;
  onClose: () => void;
  title: string;
  description: string;
  legend: string;
  choices: { value: string; label: string }[];
  initialChoice: string;
  confirmLabel: string;
  onConfirm: (choice: string) => Promise<unknown>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const choice = String(new FormData(event.currentTarget).get("choice"));
    setPending(true);
    setError(null);
    try {
      await props.onConfirm(choice);
      props.onClose();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setPending(false);
    }
  };
  return (
    <Dialog open={props.open} onClose={props.onClose} title={props.title} description={props.description}>
      <form onSubmit={submit} className="space-y-4">
        <fieldset className={`grid gap-2 ${props.choices.length > 2 ? "sm:grid-cols-2" : ""}`}>
          <legend className="mb-2 text-sm font-medium text-slate-700">{props.legend}</legend>
          {props.choices.map((choice) => (
            <label key={choice.value} className="flex items-center gap-2 rounded-lg px-3 py-2 text-sm ring-1 ring-slate-200">
              <input type="radio" name="choice" value={choice.value} defaultChecked={choice.value === props.initialChoice} className="accent-indigo-600" />
              {choice.label}
            </label>
          ))}
        </fieldset>
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <DialogActions>
          <Button variant="secondary" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" pending={pending}>
            {props.confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
