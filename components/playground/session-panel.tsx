"use client";

import { ChannelType, type ChatMessage, fileMessage } from "@switchboard/sdk";
import { type ChangeEvent, type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { formatSize } from "@/components/messages/message-body";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorMessage } from "@/components/ui/field";
import type { IssuedToken } from "@/lib/contract";
import type { NewLogEntry } from "./playground-log";
import { type SessionStatus, usePlaygroundSession } from "./use-playground-session";

/** Typing statuses go out at most this often while the operator types, as clients are asked to. */
const typingEveryMs = 3000;

/**
 * One user's session, as a chat app would show it: the direct conversation with a peer of
 * the playground, with send, file messages, edit, recall, read and typing, each a real call of the SDK.
 */
export function SessionPanel({ token, peers, onLog }: { token: IssuedToken; peers: IssuedToken[]; onLog: (entry: NewLogEntry) => void }) {
  const session = usePlaygroundSession({ token, onLog });
  const [peerId, setPeerId] = useState(peers[0]?.userId ?? "");
  const [text, setText] = useState("");
  const [editing, setEditing] = useState<ChatMessage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const lastTyping = useRef(0);
  const filePicker = useRef<HTMLInputElement>(null);
  const me = token.userId;
  const conversation = { channelType: ChannelType.direct, channelId: peerId };

  // A direct message names its recipient as the channel: one's own to the peer, the peer's to oneself.
  const messages = useMemo(
    () =>
      [...session.messages.values()]
        .filter((message) => message.channelType === ChannelType.direct && ((message.senderId === me && message.channelId === peerId) || (message.senderId === peerId && message.channelId === me)))
        .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0) || a.sentAt - b.sentAt),
    [session.messages, me, peerId],
  );
  const peerRead = session.readByPeer[peerId] ?? 0;
  const lastSeq = messages.at(-1)?.seq;
  const peerTyping = (session.typing[peerId] ?? 0) > Date.now();
  const connected = session.status.state === "connected";
  const { client, keep } = session;

  // What the two said before the session opened: the conversation's latest page of history.
  useEffect(() => {
    if (!client || !connected || !peerId) return;
    client
      .history({ channelType: ChannelType.direct, channelId: peerId, limit: 20 })
      .then((page) => page.messages.forEach(keep))
      .catch((failure: Error) => setError(`History: ${failure.message}`));
  }, [client, connected, peerId, keep]);

  const run = async (action: () => Promise<void>) => {
    setError(null);
    setPending(true);
    try {
      await action();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setPending(false);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!client || !text.trim() || !peerId) return;
    void run(async () => {
      if (editing) {
        const content = { ...editing.content, content: text };
        await client.editMessage({ ...conversation, messageId: editing.messageId, content });
        keep({ ...editing, content, editedAt: Date.now() });
        setEditing(null);
      } else {
        keep(await client.sendDirectMessage({ to: peerId, text }));
      }
      setText("");
    });
  };

  // A picked file is uploaded with the session's token, then sent as an image message (images) or a file message.
  const sendFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!client || !file || !peerId) return;
    void run(async () => {
      const upload = await client.uploadFile(file);
      keep(await client.sendDirectMessage({ to: peerId, ...fileMessage(upload, { messageType: upload.mimeType.startsWith("image/") ? "RC:ImgMsg" : "RC:FileMsg" }) }));
    });
  };

  const type = (value: string) => {
    setText(value);
    if (!session.client || !connected || editing || !peerId || Date.now() - lastTyping.current < typingEveryMs) return;
    lastTyping.current = Date.now();
    session.client.sendTyping(conversation).catch(() => {
      // Typing is best effort; a refusal shows in nothing the operator waits for.
    });
  };

  return (
    <section aria-label={`Session of ${me}`} className="flex min-w-0 flex-col rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-3">
        <div className="min-w-0">
          <h2 className="truncate text-sm font-semibold text-slate-900">
            {token.name} <span className="font-mono font-normal text-slate-500">{me}</span>
          </h2>
          <StatusBadge status={session.status} />
        </div>
        <label className="flex items-center gap-2 text-xs text-slate-500">
          Chat with
          <select
            value={peerId}
            onChange={(event) => {
              setPeerId(event.target.value);
              setEditing(null);
            }}
            className="rounded-lg border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:border-indigo-500 focus:outline-none"
          >
            {peers.map((peer) => (
              <option key={peer.userId} value={peer.userId}>
                {peer.name} ({peer.userId})
              </option>
            ))}
          </select>
        </label>
      </header>
      <ul aria-label={`Messages of ${me}`} className="h-64 space-y-2 overflow-y-auto px-4 py-3">
        {messages.length === 0 && <li className="text-sm text-slate-400">No messages with {peerId} yet in this session.</li>}
        {messages.map((message) => (
          <MessageRow
            key={message.messageId}
            message={message}
            own={message.senderId === me}
            fileUrl={(url) => client?.fileUrl(url) ?? url}
            read={message.senderId === me && message.seq !== undefined && message.seq <= peerRead}
            onEdit={() => {
              setEditing(message);
              setText(typeof message.content.content === "string" ? message.content.content : "");
            }}
            onRecall={() =>
              client &&
              void run(async () => {
                await client.recallMessage({ ...conversation, messageId: message.messageId });
                keep({ ...message, content: {}, recalled: true });
              })
            }
          />
        ))}
      </ul>
      <p aria-live="polite" className="h-5 px-4 text-xs text-slate-500 italic">
        {peerTyping ? `${peerId} is typing…` : ""}
      </p>
      <form onSubmit={submit} className="space-y-2 border-t border-slate-100 px-4 py-3">
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <div className="flex gap-2">
          <input
            aria-label={`Message from ${me}`}
            value={text}
            onChange={(event) => type(event.target.value)}
            placeholder={editing ? "Edit the message" : `Message ${peerId}`}
            className="h-9 min-w-0 flex-1 rounded-lg border-0 px-3 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none"
          />
          <Button type="submit" size="sm" pending={pending} disabled={!connected || !text.trim()}>
            {editing ? "Save edit" : "Send"}
          </Button>
        </div>
        <div className="flex flex-wrap gap-2">
          {editing && (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setEditing(null);
                setText("");
              }}
            >
              Cancel edit
            </Button>
          )}
          <Button size="sm" variant="secondary" disabled={!connected || !peerId || editing !== null || pending} onClick={() => filePicker.current?.click()}>
            Attach file
          </Button>
          <input ref={filePicker} type="file" aria-label={`File from ${me}`} onChange={sendFile} className="sr-only" tabIndex={-1} />
          <Button
            size="sm"
            variant="secondary"
            disabled={!connected || lastSeq === undefined}
            onClick={() => session.client && lastSeq !== undefined && void run(async () => void (await session.client!.markRead({ ...conversation, seq: lastSeq })))}
          >
            Mark read
          </Button>
        </div>
      </form>
    </section>
  );
}

function StatusBadge({ status }: { status: SessionStatus }) {
  if (status.state === "connected") return <Badge tone="green">Connected</Badge>;
  if (status.state === "closed") return <Badge>{`Closed ${status.code}`}</Badge>;
  return <Badge tone="amber">Connecting</Badge>;
}

function MessageRow({
  message,
  own,
  read,
  fileUrl,
  onEdit,
  onRecall,
}: {
  message: ChatMessage;
  own: boolean;
  read: boolean;
  fileUrl: (url: string) => string;
  onEdit: () => void;
  onRecall: () => void;
}) {
  const text = typeof message.content.content === "string" ? message.content.content : JSON.stringify(message.content);
  const file = carriedFile(message);
  return (
    <li className={`flex flex-col ${own ? "items-end" : "items-start"}`}>
      <div className={`max-w-[85%] rounded-lg px-3 py-1.5 text-sm break-words ${own ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-900"}`}>
        {message.recalled ? <span className="italic opacity-75">Message recalled</span> : file ? <FileBody file={file} fileUrl={fileUrl} /> : text}
      </div>
      <div className="mt-0.5 flex items-center gap-2 text-[11px] text-slate-400">
        <span>#{message.seq}</span>
        {message.editedAt && !message.recalled && <span>edited</span>}
        {read && <span>read</span>}
        {own && !message.recalled && (
          <>
            {message.messageType === "RC:TxtMsg" && (
              <button type="button" onClick={onEdit} className="hover:text-slate-700">
                Edit
              </button>
            )}
            <button type="button" onClick={onRecall} className="hover:text-slate-700">
              Recall
            </button>
          </>
        )}
      </div>
    </li>
  );
}

/** What a message carrying an upload shows: the URLs the server signed for this reader (relative), its name and size. */
type CarriedFile = { image: boolean; url: string; thumbnailUrl: string | null; name: string | null; size: number | null };

function carriedFile(message: ChatMessage): CarriedFile | null {
  const { fileId, url, thumbnailUrl, name, size } = message.content;
  if (typeof fileId !== "string" || typeof url !== "string") return null;
  return {
    image: message.messageType === "RC:ImgMsg" || message.messageType === "RC:GIFMsg",
    url,
    thumbnailUrl: typeof thumbnailUrl === "string" ? thumbnailUrl : null,
    name: typeof name === "string" && name !== "" ? name : null,
    size: typeof size === "number" ? size : null,
  };
}

/** An image's thumbnail (a link to the image), or a file's name and size with a link; URLs resolved against the server. */
function FileBody({ file, fileUrl }: { file: CarriedFile; fileUrl: (url: string) => string }) {
  if (file.image) {
    return (
      <a href={fileUrl(file.url)} target="_blank" rel="noreferrer noopener" className="block">
        {/* A plain img: the thumbnail comes from the server's signed file URL, which next/image would fetch again server-side. */}
        <img src={fileUrl(file.thumbnailUrl ?? file.url)} alt={file.name ? `Image ${file.name}` : "Image"} className="max-h-40 max-w-full rounded bg-white/20" />
      </a>
    );
  }
  return (
    <span className="flex flex-col">
      <span className="font-medium">{file.name ?? "unnamed file"}</span>
      <span className="text-xs opacity-80">
        {file.size !== null ? `${formatSize(file.size)} · ` : ""}
        <a href={fileUrl(file.url)} target="_blank" rel="noreferrer noopener" className="underline">
          Download
        </a>
      </span>
    </span>
  );
}
