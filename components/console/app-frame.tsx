"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { appsQuery } from "@/components/apps/app-queries";
import { appSections } from "./app-sections";

/** Every page of an app: an app switcher that keeps the section, the section tabs, then the page. */
export function AppFrame({ appKey, children }: { appKey: string; children: ReactNode }) {
  const pathname = usePathname();
  const base = `/apps/${encodeURIComponent(appKey)}`;
  const current = pathname.slice(base.length).split("/")[1] ?? "";
  return (
    <>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 pb-3">
        <nav aria-label="App sections" className="-mb-3 flex flex-wrap gap-1">
          {appSections.map((section) => (
            <SectionTab key={section.segment} href={section.segment ? `${base}/${section.segment}` : base} active={current === section.segment}>
              {section.label}
            </SectionTab>
          ))}
        </nav>
        <AppSwitcher appKey={appKey} section={current} />
      </div>
      {children}
    </>
  );
}

function SectionTab({ href, active, children }: { href: string; active: boolean; children: ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`border-b-2 px-3 pb-3 text-sm font-medium transition-colors ${active ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-500 hover:text-slate-900"}`}
    >
      {children}
    </Link>
  );
}

function AppSwitcher({ appKey, section }: { appKey: string; section: string }) {
  const router = useRouter();
  const apps = useQuery(appsQuery());
  if (!apps.data || apps.data.length < 2) return null;
  return (
    <label className="flex items-center gap-2 text-sm text-slate-500">
      App
      <select
        value={appKey}
        onChange={(event) => router.push(`/apps/${encodeURIComponent(event.target.value)}${section ? `/${section}` : ""}`)}
        className="rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none"
      >
        {apps.data.map((app) => (
          <option key={app.appKey} value={app.appKey}>
            {app.name} ({app.environment})
          </option>
        ))}
      </select>
    </label>
  );
}
