"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CursorPager, useCursorPages } from "@/components/ui/cursor-pages";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorMessage, TextField } from "@/components/ui/field";
import { formatDate } from "@/components/ui/format-date";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { UserSummary } from "@/lib/contract";
import { isForever, userSearchQuery } from "./user-queries";

/** Users of the app, searched by id prefix or name, a page at a time. */
export function UsersPage({ appKey }: { appKey: string }) {
  const [query, setQuery] = useState("");
  const pages = useCursorPages();
  const after = pages.cursor;
  const users = useQuery({ ...userSearchQuery(appKey, query.trim(), after), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader
        title="Users"
        description={`Users your app server registered. Open one to see its sessions, bans and channels.${
          users.data && users.data.usersLeft !== null ? ` This development app may register ${users.data.usersLeft} more (soft-deleted users count; users deleted for good do not).` : ""
        }`}
      />
      <Card>
        <div className="border-b border-slate-100 px-6 py-4">
          <div className="max-w-md">
            <TextField
              label="Search by user ID or name"
              type="search"
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                pages.reset();
              }}
              placeholder="e.g. alice"
            />
          </div>
        </div>
        {users.isPending && <SkeletonRows label="Loading users" />}
        {users.isError && (
          <div className="p-6">
            <ErrorMessage>{users.error.message}</ErrorMessage>
          </div>
        )}
        {users.data?.users.length === 0 && (
          <EmptyState
            title={query ? "No user matches" : "No users yet"}
            description={query ? "Try the start of a user ID, or part of a name." : "Users appear once your app server issues them a token (/v4/auth/access-token/issue)."}
          />
        )}
        {users.data && users.data.users.length > 0 && (
          <>
            <ul aria-label="Users" className="divide-y divide-slate-100">
              {users.data.users.map((user) => (
                <UserListItem key={user.userId} appKey={appKey} user={user} />
              ))}
            </ul>
            <CursorPager pages={pages} nextCursor={users.data.nextCursor} />
          </>
        )}
      </Card>
    </>
  );
}

function UserListItem({ appKey, user }: { appKey: string; user: UserSummary }) {
  return (
    <li>
      <Link href={`/apps/${encodeURIComponent(appKey)}/users/${encodeURIComponent(user.userId)}`} className="flex flex-wrap items-center gap-3 px-6 py-3 hover:bg-slate-50">
        <span className="font-mono text-sm text-slate-900">{user.userId}</span>
        <span className="text-sm text-slate-600">{user.name}</span>
        {user.bannedUntil && <Badge tone="amber">{isForever(user.bannedUntil) ? "banned forever" : `banned until ${formatDate(user.bannedUntil)}`}</Badge>}
        {user.deleted && <Badge>deleted</Badge>}
        <span className="ml-auto text-xs text-slate-400">since {formatDate(user.createdAt)}</span>
      </Link>
    </li>
  );
}
