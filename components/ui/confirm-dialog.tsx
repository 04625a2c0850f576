"use client";

import { type ReactNode, useState } from "react";
import { Button } from "./button";
import { Dialog, DialogActions } from "./dialog";
import { TextField } from "./field";
import { useToast } from "./toast";

type ConfirmDialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  /** What the toast says once the action is done: "Endpoint removed". */
  done: string;
  /** For what cannot be undone: the operator types this text before the button works. */
  typedConfirmation?: string;
};

/**
 * Asks before a destructive action, then closes and tells the outcome in a toast: success,
 * or the error (there is nothing in the dialog to correct).
 */
export function ConfirmDialog({ open, onClose, title, description, confirmLabel, onConfirm, done, typedConfirmation }: ConfirmDialogProps) {
  const [typed, setTyped] = useState("");
  const [pending, setPending] = useState(false);
  const toast = useToast();
  const close = () => {
    setTyped("");
    onClose();
  };
  const confirm = async () => {
    setPending(true);
    try {
      await onConfirm();
      toast.success(done);
    } catch (failure) {
      toast.error(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setPending(false);
      close();
    }
  };
  return (
    <Dialog open={open} onClose={close} title={title} description={description}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
        className="space-y-4"
      >
        {typedConfirmation !== undefined && (
          <TextField label={`Type ${typedConfirmation} to confirm`} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" autoFocus />
        )}
        <DialogActions>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" pending={pending} disabled={typedConfirmation !== undefined && typed !== typedConfirmation}>
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
