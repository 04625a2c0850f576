"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorMessage, TextField } from "@/components/ui/field";
import { signInErrors } from "@/lib/auth/sign-in-errors";

type FormState = { email: string; error: string | null };

export function SignInForm() {
  const router = useRouter();
  const [state, submit, pending] = useActionState(async (_previous: FormState, form: FormData): Promise<FormState> => {
    const email = String(form.get("email") ?? "");
    // redirect: false because next-auth would send the browser to NEXTAUTH_URL's origin
    // (localhost:3000 when unset); the router navigates on whatever host serves the console.
    const result = await signIn("credentials", { email, password: String(form.get("password") ?? ""), redirect: false });
    if (!result?.ok) return { email, error: describeSignInError(result?.error) };
    router.replace("/apps");
    router.refresh();
    return { email, error: null };
  }, { email: "", error: null });

  return (
    <form action={submit} className="space-y-5">
      {state.error && <ErrorMessage>{state.error}</ErrorMessage>}
      <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus defaultValue={state.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" pending={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}

function describeSignInError(error: string | null | undefined): string {
  if (error === signInErrors.wrongCredentials) return "The email or password is incorrect.";
  if (error === signInErrors.tooManyFailures) return "Too many failed sign-ins from this address. Wait up to 15 minutes, then try again.";
  return "Signing in failed. Please try again.";
}
