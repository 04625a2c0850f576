"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { ConsoleApiError, isSignedOut } from "@/components/api/request-json";

/**
 * One query client per console visit: it lives in the console layout, so signing out
 * (which leaves the layout) drops every cached answer, secrets included.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [client] = useState(() => {
    // A session that ended (expired, or signed out in another tab) sends the operator to sign in again.
    const onError = (error: unknown) => {
      if (isSignedOut(error)) router.replace("/sign-in");
    };
    return new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: {
        queries: {
          staleTime: 30_000,
          // Client errors (bad input, not found, signed out) do not get better by asking again.
          retry: (failures, error) => failures < 2 && !(error instanceof ConsoleApiError && error.status < 500),
        },
      },
    });
  });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
