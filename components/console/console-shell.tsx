import type { ReactNode } from "react";
import type { SessionOperator } from "@/lib/chat/products/operators";
import { AppsIcon, UsersIcon } from "@/components/ui/icons";
import { Logo } from "@/components/ui/logo";
import { ToastProvider } from "@/components/ui/toast";
import { NavLink } from "./nav-link";
import { QueryProvider } from "./query-provider";
import { SignOutButton } from "./sign-out-button";

/** The frame of every signed-in page: the sidebar with navigation and the operator, and the page itself. */
export function ConsoleShell({ operator, children }: { operator: SessionOperator; children: ReactNode }) {
  return (
    <div className="min-h-dvh md:flex">
      {/* A top bar on small screens, a sidebar from md up. */}
      <aside className="flex items-center gap-2 bg-slate-900 px-3 py-2 md:sticky md:top-0 md:h-dvh md:w-60 md:shrink-0 md:flex-col md:items-stretch md:gap-0 md:p-0">
        <div className="px-2 md:px-5 md:py-5">
          <Logo tone="light" />
        </div>
        <nav aria-label="Console" className="flex flex-1 gap-1 md:flex-col md:px-3">
          <NavLink href="/apps" icon={<AppsIcon />}>
            Apps
          </NavLink>
          <NavLink href="/operators" icon={<UsersIcon />}>
            Operators
          </NavLink>
        </nav>
        <div className="md:border-t md:border-white/10 md:px-3 md:py-4">
          <OperatorBadge operator={operator} />
          <div className="md:mt-2">
            <SignOutButton />
          </div>
        </div>
      </aside>
      <main className="mx-auto min-w-0 max-w-5xl flex-1 px-4 py-8 sm:px-8 md:py-10">
        <QueryProvider>
          <ToastProvider>{children}</ToastProvider>
        </QueryProvider>
      </main>
    </div>
  );
}

function OperatorBadge({ operator }: { operator: SessionOperator }) {
  return (
    <div className="hidden items-center gap-3 px-2 md:flex">
      <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-indigo-500 text-sm font-semibold text-white uppercase">
        {operator.name.slice(0, 1) || operator.email.slice(0, 1)}
      </span>
      <div className="min-w-0">
        <p className="truncate text-sm font-medium text-white">{operator.name}</p>
        <p className="truncate text-xs text-slate-400">{operator.email}</p>
      </div>
    </div>
  );
}
