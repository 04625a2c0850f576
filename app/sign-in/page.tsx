import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in/sign-in-form";
import { Logo } from "@/components/ui/logo";
import { getSessionOperator } from "@/lib/auth/session-operator";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await getSessionOperator()) redirect("/apps");
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-slate-100 to-slate-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Logo />
        </div>
        <div className="rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
          <h1 className="text-lg font-semibold text-slate-900">Sign in to the console</h1>
          <p className="mt-1 mb-6 text-sm text-slate-500">Use your operator account.</p>
          <SignInForm />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500">
          Forgot your password? Reset it on the server with <code className="font-mono">npx switchboard operators reset-password</code>.
        </p>
      </div>
    </main>
  );
}
