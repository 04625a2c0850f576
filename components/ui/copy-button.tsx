"use client";

import { useEffect, useState } from "react";
import { Button } from "./button";
import { CheckIcon, CopyIcon } from "./icons";

type CopyButtonProps = {
  /** The text, or a function that fetches it when the button is pressed. */
  value: string | (() => Promise<string>);
  /** What is copied, for assistive technology: "Copy App Key". */
  name: string;
};

/** Copies text to the clipboard and says so for two seconds. */
export function CopyButton({ value, name }: CopyButtonProps) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (status === "idle") return;
    const timer = setTimeout(() => setStatus("idle"), 2000);
    return () => clearTimeout(timer);
  }, [status]);

  async function copy() {
    try {
      await copyText(typeof value === "string" ? value : await value());
      setStatus("copied");
    } catch {
      setStatus("failed");
    }
  }

  return (
    <Button variant="secondary" size="sm" onClick={copy} aria-label={name}>
      {status === "copied" ? <CheckIcon className="size-4 text-emerald-600" /> : <CopyIcon />}
      <span aria-live="polite">{status === "copied" ? "Copied" : status === "failed" ? "Copy failed" : "Copy"}</span>
    </Button>
  );
}

// The Clipboard API exists only in secure contexts; a console opened over plain http
// on a LAN address falls back to the older selection-based copy.
async function copyText(text: string) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  // Inside an open modal only the dialog is selectable, so the helper goes there.
  (document.querySelector("dialog[open]") ?? document.body).append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("copy refused");
}
