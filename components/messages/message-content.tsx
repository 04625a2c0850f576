import type { ReactNode } from "react";
import { FileIcon, ImageIcon, MicrophoneIcon, PinIcon, VideoIcon } from "@/components/ui/icons";
import type { StoredFileView } from "@/lib/contract";
import { formatDuration, formatSize, type MessageBody, messageBody } from "./message-body";

const external = { target: "_blank", rel: "noreferrer noopener" } as const;
const linkClass = "text-indigo-600 hover:underline";

/** A stored message as a chat tool shows it: text, an image's thumbnail, a voice note's length, a file's name and size, a place, a quote, a notice in words. */
export function MessageContent({ messageType, content, recalled, file }: { messageType: string; content: string; recalled: boolean; file?: StoredFileView }) {
  if (recalled) return <span className="block text-slate-400 italic">This message was recalled.</span>;
  return <Body body={messageBody({ messageType, content, file })} />;
}

function Body({ body }: { body: MessageBody }) {
  switch (body.kind) {
    case "text":
      return <span className="block break-words whitespace-pre-wrap text-slate-800">{body.text}</span>;
    case "other":
      return <span className="block truncate text-slate-700">{body.text}</span>;
    case "notice":
      return <span className="block text-slate-500 italic">{body.text}</span>;
    case "image": {
      const source = body.thumbnail ?? body.url;
      return (
        <span className="flex items-end gap-3">
          {source ? (
            // A plain img: thumbnails are data URLs or the app's own hosts, which next/image's optimizer would fetch server-side.
            <img src={source} alt={body.animated ? "GIF thumbnail" : "Image thumbnail"} className="max-h-28 min-h-12 max-w-48 min-w-12 rounded-lg bg-slate-100 object-contain ring-1 ring-slate-200" />
          ) : (
            <Kind icon={<ImageIcon />}>{body.animated ? "GIF" : "Image"} without a thumbnail</Kind>
          )}
          {body.url && (
            <a href={body.url} {...external} className={linkClass}>
              Open {body.animated ? "GIF" : "image"}
            </a>
          )}
        </span>
      );
    }
    case "voice":
      return (
        <Kind icon={<MicrophoneIcon />}>
          Voice message{body.durationSeconds !== null && <span className="font-mono"> · {formatDuration(body.durationSeconds)}</span>}
          {body.url && (
            <a href={body.url} {...external} className={`ml-3 ${linkClass}`}>
              Play
            </a>
          )}
        </Kind>
      );
    case "video":
      return (
        <span className="flex items-end gap-3">
          {body.thumbnail && (
            <img src={body.thumbnail} alt="Video thumbnail" className="max-h-28 min-h-12 max-w-48 min-w-12 rounded-lg bg-slate-100 object-contain ring-1 ring-slate-200" />
          )}
          <Kind icon={<VideoIcon />}>
            Video{body.durationSeconds !== null && <span className="font-mono"> · {formatDuration(body.durationSeconds)}</span>}
            {body.name && <span> · {body.name}</span>}
            {body.sizeBytes !== null && <span> · {formatSize(body.sizeBytes)}</span>}
            {body.url && (
              <a href={body.url} {...external} className={`ml-3 ${linkClass}`}>
                Play
              </a>
            )}
          </Kind>
        </span>
      );
    case "file":
      return (
        <span className="inline-flex items-center gap-3 rounded-lg bg-white px-3 py-2 ring-1 ring-slate-200">
          <FileIcon className="size-6 shrink-0 text-slate-500" />
          <span>
            <span className="block font-medium text-slate-900">{body.name}</span>
            <span className="block text-xs text-slate-500">
              {[body.sizeBytes !== null ? formatSize(body.sizeBytes) : null, body.fileType].filter(Boolean).join(" · ") || "size unknown"}
            </span>
          </span>
          {body.url && (
            <a href={body.url} {...external} className={linkClass}>
              Download
            </a>
          )}
        </span>
      );
    case "location": {
      const where = body.latitude !== null && body.longitude !== null ? `${body.latitude.toFixed(5)}, ${body.longitude.toFixed(5)}` : null;
      return (
        <Kind icon={<PinIcon />}>
          {body.place ?? "Location"}{" "}
          {where && (
            <a href={`https://www.openstreetmap.org/?mlat=${body.latitude}&mlon=${body.longitude}#map=16/${body.latitude}/${body.longitude}`} {...external} className={`ml-1 font-mono text-xs ${linkClass}`}>
              {where}
            </a>
          )}
        </Kind>
      );
    }
    case "quote":
      return (
        <span className="block space-y-1">
          <span aria-label="Quoted message" className="block border-l-2 border-slate-300 pl-2 text-xs text-slate-500">
            {body.quoted.userId && <span className="font-mono">{body.quoted.userId}: </span>}
            {body.quoted.summary || body.quoted.messageType || "a message"}
          </span>
          <span className="block break-words whitespace-pre-wrap text-slate-800">{body.text}</span>
        </span>
      );
    case "card":
      return (
        <span className="block rounded-lg bg-white px-3 py-2 ring-1 ring-slate-200">
          <span className="block font-medium text-slate-900">{body.title}</span>
          {body.text && <span className="block text-slate-600">{body.text}</span>}
          {body.url && (
            <a href={body.url} {...external} className={`text-xs ${linkClass}`}>
              {body.url}
            </a>
          )}
        </span>
      );
  }
}

function Kind({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <span className="inline-flex items-center gap-2 text-slate-700">
      <span className="text-slate-500">{icon}</span>
      <span>{children}</span>
    </span>
  );
}
