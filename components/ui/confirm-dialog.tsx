"use client";

import { type ReactNode, useState } from "react";
import { Button } from "./button";
import { Dialog, DialogActions } from "./dialog";
import { ErrorMessage, TextField } from "./field";

type ConfirmDialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  /** For what cannot be undone: the operator types this text before the button works. */
  typedConfirmation?: string;
};

/** Asks before a destructive action; stays open with the error when the action fails. */
export function ConfirmDialog({ open, onClose, title, description, confirmLabel, onConfirm, typedConfirmation }: ConfirmDialogProps) {
  const [typed, setTyped] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setTyped("");
    setError(null);
    onClose();
  };
  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      close();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setPending(false);
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
        {error && <ErrorMessage>{error}</ErrorMessage>}
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
