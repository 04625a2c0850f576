"use client";

import { type FormEvent, useState } from "react";
import { isInputError } from "@/components/api/request-json";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { ErrorMessage, TextField } from "@/components/ui/field";
import { RotateIcon } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import type { AppView } from "@/lib/contract";
import { useRotateAppSecret } from "./app-queries";

const defaultGraceHours = 24;

/**
 * "Rotate secret": asks for the grace period, confirms, then shows the new secret.
 * `maxGraceHours` is handed down by the server page because the module that declares it
 * imports the database client, which must stay out of the browser bundle.
 */
export function RotateSecretButton({ app, maxGraceHours }: { app: AppView; maxGraceHours: number }) {
  const [open, setOpen] = useState(false);
  const rotate = useRotateAppSecret(app.appKey);
  const toast = useToast();
  const close = () => {
    // Told once the page is in view again: while the new secret shows, the dialog covers it.
    if (rotate.isSuccess) toast.success("App Secret rotated");
    setOpen(false);
    // The new secret leaves memory with the dialog.
    rotate.reset();
  };
  const confirm = (graceHours: number) =>
    rotate.mutate(
      { graceHours },
      {
        onError: (error) => {
          if (isInputError(error)) return;
          toast.error(`The App Secret was not rotated: ${error.message}`);
          close();
        },
      },
    );

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <RotateIcon />
        Rotate secret
      </Button>
      <Dialog open={open} onClose={close} title={rotate.isSuccess ? "New App Secret" : `Rotate the App Secret of ${app.name}?`}>
        {rotate.isSuccess ? (
          <NewSecret secret={rotate.data.appSecret} onDone={close} />
        ) : (
          <RotateForm maxGraceHours={maxGraceHours} pending={rotate.isPending} error={isInputError(rotate.error) ? rotate.error : null} onConfirm={confirm} onCancel={close} />
        )}
      </Dialog>
    </>
  );
}

type RotateFormProps = { maxGraceHours: number; pending: boolean; error: Error | null; onConfirm: (graceHours: number) => void; onCancel: () => void };

function RotateForm({ maxGraceHours, pending, error, onConfirm, onCancel }: RotateFormProps) {
  const [graceHours, setGraceHours] = useState(String(defaultGraceHours));
  const hours = graceHours.trim() === "" ? Number.NaN : Number(graceHours);

  function submit(event: FormEvent) {
    event.preventDefault();
    onConfirm(hours);
  }

  return (
    <form onSubmit={submit} className="space-y-5">
      {error && <ErrorMessage>{error.message}</ErrorMessage>}
      <TextField
        label="Grace period (hours)"
        name="graceHours"
        type="number"
        inputMode="numeric"
        min={0}
        max={maxGraceHours}
        step={1}
        required
        value={graceHours}
        onChange={(event) => setGraceHours(event.target.value)}
        hint={`0 to ${maxGraceHours}. Servers still using the current secret keep working this long.`}
      />
      <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-amber-200 ring-inset">
        {describeGracePeriod(hours)}
      </p>
      <DialogActions>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" pending={pending}>
          Rotate secret
        </Button>
      </DialogActions>
    </form>
  );
}

function NewSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">Put the new secret on your servers. You can reveal it again on this page later.</p>
      <div className="flex items-center gap-3 rounded-lg bg-slate-50 px-3 py-2.5 ring-1 ring-slate-200 ring-inset">
        <code data-testid="new-app-secret" className="min-w-0 flex-1 font-mono text-sm break-all text-slate-900">
          {secret}
        </code>
        <CopyButton value={secret} name="Copy new App Secret" />
      </div>
      <DialogActions>
        <Button onClick={onDone}>Done</Button>
      </DialogActions>
    </div>
  );
}

function describeGracePeriod(hours: number): string {
  if (!Number.isInteger(hours) || hours < 0) return "Enter a whole number of hours.";
  if (hours === 0) return "The current secret stops working immediately: requests signed with it are rejected.";
  return `The current secret stops working in ${hours} ${hours === 1 ? "hour" : "hours"}. Update your servers before then.`;
}
