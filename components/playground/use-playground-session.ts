import { type ChatMessage, SwitchboardClient } from "@switchboard/sdk";
import { useCallback, useEffect, useRef, useState } from "react";
import type { IssuedToken, Publication } from "@/lib/contract";
import { describePublication, type NewLogEntry } from "./playground-log";

export type SessionStatus = { state: "connecting" | "connected" } | { state: "closed"; code: number; reason: string };

/** How long "is typing" shows after a typing status arrives (clients send one every few seconds while typing). */
const typingShownMs = 6000;

/**
 * A real client session in the operator's browser: the SDK over the gateway's WebSocket with
 * a token the console issued, as an app's web client would connect. Everything it receives
 * goes to `onLog` (publications, close codes); messages and receipts are kept for its view.
 * The session closes when the component using it goes away.
 */
export function usePlaygroundSession({ token, onLog }: { token: IssuedToken; onLog: (entry: NewLogEntry) => void }) {
  const [client, setClient] = useState<SwitchboardClient | null>(null);
  const [status, setStatus] = useState<SessionStatus>({ state: "connecting" });
  const [messages, setMessages] = useState<ReadonlyMap<string, ChatMessage>>(new Map());
  /** Who is typing to this user, until when (Unix ms). */
  const [typing, setTyping] = useState<Readonly<Record<string, number>>>({});
  /** How far each peer read this user's direct messages. */
  const [readByPeer, setReadByPeer] = useState<Readonly<Record<string, number>>>({});
  const log = useRef(onLog);
  useEffect(() => {
    log.current = onLog;
  }, [onLog]);

  useEffect(() => {
    const source = token.userId;
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/connection/websocket`;
    const session = new SwitchboardClient({ url, token: token.accessToken, platform: "web" });
    const keep = (message: ChatMessage) => {
      if (message.messageType === "RC:TypSts") {
        if (message.senderId !== source) setTyping((current) => ({ ...current, [message.senderId]: Date.now() + typingShownMs }));
        return;
      }
      // A message ends its sender's typing, as chat apps show it.
      setTyping((current) => (message.senderId in current ? Object.fromEntries(Object.entries(current).filter(([userId]) => userId !== message.senderId)) : current));
      setMessages((current) => new Map(current).set(message.messageId, message));
    };
    const unsubscribe = [
      session.on("message", keep),
      session.on("messageUpdated", keep),
      session.on("readReceipt", (event) => {
        if (event.readSeq !== undefined) setReadByPeer((current) => ({ ...current, [event.userId]: Math.max(current[event.userId] ?? 0, event.readSeq!) }));
      }),
    ];
    const { centrifuge } = session;
    centrifuge.on("publication", (context) => log.current({ source, ...describePublication(context.data as Publication), detail: context.data }));
    centrifuge.on("connecting", (context) => {
      setStatus({ state: "connecting" });
      log.current({ source, kind: "connecting", summary: `connecting (${context.code}: ${context.reason})` });
    });
    centrifuge.on("connected", (context) => {
      setStatus({ state: "connected" });
      log.current({ source, kind: "connected", summary: `connected to ${url} as client ${context.client}` });
    });
    centrifuge.on("disconnected", (context) => {
      setStatus({ state: "closed", code: context.code, reason: context.reason });
      log.current({ source, kind: "closed", summary: `closed with code ${context.code}: ${context.reason}` });
    });
    centrifuge.on("error", (context) => log.current({ source, kind: "error", summary: `${context.type}: ${context.error.message}` }));
    setClient(session);
    session.connect().catch(() => {
      // The refusal is logged by the "disconnected" or "error" listener.
    });
    return () => {
      for (const stop of unsubscribe) stop();
      session.disconnect();
      centrifuge.removeAllListeners();
    };
  }, [token.userId, token.accessToken]);

  // Clear "is typing" once its time is up.
  useEffect(() => {
    const until = Math.min(...Object.values(typing));
    if (!Number.isFinite(until)) return;
    const timer = setTimeout(() => setTyping((current) => Object.fromEntries(Object.entries(current).filter(([, end]) => end > Date.now()))), Math.max(0, until - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [typing]);

  /** Keeps a message the view learnt of otherwise (its own send's answer, a history page): a newer version wins. */
  const keep = useCallback(
    (message: ChatMessage) =>
      setMessages((current) => {
        const known = current.get(message.messageId);
        return known && known.updatedAt > message.updatedAt ? current : new Map(current).set(message.messageId, message);
      }),
    [],
  );

  return { client, status, messages, typing, readByPeer, keep };
}
