"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { isInputError } from "@/components/api/request-json";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { ErrorMessage, TextField } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import { appEnvironments } from "@/lib/chat/base/apps/app-view";
import type { AppEnvironment } from "@/lib/contract";
import { useCreateApp } from "./app-queries";

const environmentText: Record<AppEnvironment, { label: string; hint: string }> = {
  development: { label: "Development", hint: "For building and testing." },
  production: { label: "Production", hint: "For your live users." },
};

/** The "Create app" button and its dialog; a created app opens on its own page. */
export function CreateAppButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <PlusIcon />
        Create app
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Create app" description="An app gets its own App Key and App Secret.">
        <CreateAppForm onClose={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function CreateAppForm({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const createApp = useCreateApp();
  const toast = useToast();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: String(form.get("name") ?? ""), environment: form.get("environment") as AppEnvironment };
    createApp.mutate(input, {
      onSuccess: (app) => {
        toast.success(`${app.name} created`);
        router.push(`/apps/${app.appKey}`);
      },
      onError: (error) => {
        if (isInputError(error)) return;
        toast.error(`The app was not created: ${error.message}`);
        onClose();
      },
    });
  }

  return (
    <form onSubmit={submit} className="space-y-5">
      {createApp.isError && isInputError(createApp.error) && <ErrorMessage>{createApp.error.message}</ErrorMessage>}
      <TextField label="Name" name="name" required maxLength={64} autoFocus placeholder="My chat app" autoComplete="off" />
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Environment</legend>
        <div className="mt-1.5 grid grid-cols-2 gap-3">
          {appEnvironments.map((environment) => (
            <label
              key={environment}
              className="cursor-pointer rounded-lg p-3 ring-1 ring-slate-300 transition ring-inset has-checked:bg-indigo-50/60 has-checked:ring-2 has-checked:ring-indigo-600"
            >
              <span className="flex items-center gap-2">
                <input type="radio" name="environment" value={environment} defaultChecked={environment === "development"} className="accent-indigo-600" />
                <span className="text-sm font-medium text-slate-900">{environmentText[environment].label}</span>
              </span>
              <span className="mt-1 block pl-5 text-xs text-slate-500">{environmentText[environment].hint}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <DialogActions>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" pending={createApp.isPending || createApp.isSuccess}>
          Create app
        </Button>
      </DialogActions>
    </form>
  );
}
