"use client";

import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";

type Toast = { id: number; tone: "success" | "error"; message: string };
type Toaster = { success: (message: string) => void; error: (message: string) => void };

const ToastContext = createContext<Toaster | null>(null);
const visibleMs = 5000;
let nextId = 1;

/** Shows short-lived notices of what an action did, read out by screen readers as they come. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);
  const show = useCallback(
    (tone: Toast["tone"], message: string) => {
      const id = nextId++;
      setToasts((current) => [...current.slice(-3), { id, tone, message }]);
      setTimeout(() => dismiss(id), visibleMs);
    },
    [dismiss],
  );
  const toaster = useMemo(() => ({ success: (message: string) => show("success", message), error: (message: string) => show("error", message) }), [show]);
  return (
    <ToastContext.Provider value={toaster}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role={toast.tone === "error" ? "alert" : "status"}
            className={`pointer-events-auto flex items-start justify-between gap-3 rounded-lg px-4 py-3 text-sm shadow-lg ring-1 ${
              toast.tone === "error" ? "bg-red-50 text-red-800 ring-red-200" : "bg-slate-900 text-white ring-slate-900"
            }`}
          >
            <span>{toast.message}</span>
            <button type="button" aria-label="Close notice" onClick={() => dismiss(toast.id)} className="opacity-70 hover:opacity-100">
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): Toaster {
  const toaster = useContext(ToastContext);
  if (!toaster) throw new Error("useToast needs a ToastProvider above it");
  return toaster;
}
