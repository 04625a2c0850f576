"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { SignOutIcon } from "@/components/ui/icons";

export function SignOutButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  // next-auth's own redirect would go to NEXTAUTH_URL's origin (localhost:3000 when unset), so the router navigates instead.
  const signOutAndLeave = () =>
    startTransition(async () => {
      await signOut({ redirect: false });
      router.replace("/sign-in");
      router.refresh();
    });

  return (
    <button
      type="button"
      onClick={signOutAndLeave}
      disabled={pending}
      className="flex items-center gap-2 rounded-lg px-2 py-1.5 text-sm text-slate-400 transition-colors hover:bg-white/5 hover:text-white disabled:opacity-60"
    >
      <SignOutIcon />
      Sign out
    </button>
  );
}
