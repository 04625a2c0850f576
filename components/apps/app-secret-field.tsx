"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Spinner } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { EyeIcon, EyeOffIcon } from "@/components/ui/icons";
import { appSecretQuery } from "./app-queries";
import { CredentialRow } from "./credential-row";

/**
 * The App Secret, masked until an admin asks to see it; only then is it fetched (the server
 * records each reveal in the audit log). Viewers see it masked, with nothing to press.
 */
export function AppSecretField({ appKey, canReveal }: { appKey: string; canReveal: boolean }) {
  if (!canReveal) {
    return (
      <CredentialRow label="App Secret" value={<MaskedSecret />}>
        <span className="text-sm text-slate-500">Admins and owners can reveal it.</span>
      </CredentialRow>
    );
  }
  return <RevealableSecret appKey={appKey} />;
}

function RevealableSecret({ appKey }: { appKey: string }) {
  const [revealed, setRevealed] = useState(false);
  const queryClient = useQueryClient();
  const copySecret = () => queryClient.fetchQuery(appSecretQuery(appKey));

  return (
    <CredentialRow label="App Secret" value={revealed ? <RevealedSecret appKey={appKey} /> : <MaskedSecret />}>
      <Button variant="secondary" size="sm" onClick={() => setRevealed(!revealed)}>
        {revealed ? <EyeOffIcon /> : <EyeIcon />}
        {revealed ? "Hide" : "Reveal"}
      </Button>
      <CopyButton value={copySecret} name="Copy App Secret" />
    </CredentialRow>
  );
}

function MaskedSecret() {
  return (
    <span data-testid="app-secret" className="tracking-widest text-slate-400">
      <span aria-hidden="true">••••••••••••••••••••••••••••</span>
      <span className="sr-only">Hidden</span>
    </span>
  );
}

// Mounted only while revealed: hiding unmounts it and the secret leaves the query cache.
function RevealedSecret({ appKey }: { appKey: string }) {
  const secret = useQuery(appSecretQuery(appKey));
  if (secret.isPending) return <Spinner />;
  if (secret.isError) return <span className="font-sans text-red-700">{secret.error.message}</span>;
  return <span data-testid="app-secret">{secret.data}</span>;
}
