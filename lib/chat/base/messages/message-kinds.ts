import type { AppSettings } from "../apps/app-settings";
import { ChatError } from "../errors";

/**
 * How a message type is kept. Persisted messages are stored, get a sequence number and
 * are recovered by every sync; counted ones also add to unread counts in conversation
 * lists. The rest are status messages: delivered to online sessions only, never stored.
 */
export type MessageKind = { persisted: boolean; counted: boolean };

const content: MessageKind = { persisted: true, counted: true };
const notice: MessageKind = { persisted: true, counted: false };
const status: MessageKind = { persisted: false, counted: false };

/** A message the app server streamed in chunks (an AI model's answer), stored whole. */
export const streamMessageType = "RC:StreamMsg";
/** A reply quoting another message. */
export const quoteMessageType = "RC:ReferenceMsg";

/** The built-in types, named as the clients of the service we are compatible with name them. */
export const builtInKinds: Record<string, MessageKind> = {
  "RC:TxtMsg": content,
  "RC:ImgMsg": content,
  "RC:GIFMsg": content,
  "RC:HQVCMsg": content, // voice
  "RC:VcMsg": content,
  "RC:SightMsg": content, // short video
  "RC:FileMsg": content,
  "RC:LBSMsg": content, // location
  [quoteMessageType]: content,
  "RC:CombineMsg": content, // forwarded bundle
  "RC:ImgTextMsg": content, // rich card
  [streamMessageType]: content,
  "RC:InfoNtf": notice,
  "RC:GrpNtf": notice,
  "RC:ContactNtf": notice,
  "RC:ProfileNtf": notice,
  "RC:CmdNtf": notice,
  "RC:RcNtf": notice, // "message recalled" notice
  "RC:TypSts": status, // typing
  "RC:ReadNtf": status, // direct read receipt
  "RC:RcCmd": status, // recall command
  "RC:CmdMsg": status,
  "RC:SRSMsg": status, // read status sync between a user's devices
  "RC:RRReqMsg": status, // group read receipt request
  "RC:RRRspMsg": status, // group read receipt response
};

/** The kind of `messageType` in an app: built-in, registered by the app, or (unregistered) an ordinary counted message. */
export function messageKind(settings: AppSettings, messageType: string): MessageKind {
  const builtIn = builtInKinds[messageType];
  if (builtIn) return builtIn;
  if (messageType.startsWith("RC:")) {
    throw new ChatError("invalidParameter", `${messageType} is not a built-in message type; RC: names are reserved, register your own type without the prefix`);
  }
  const custom = settings.customMessageTypes.find((type) => type.name === messageType);
  return custom ? { persisted: custom.persisted, counted: custom.counted } : content;
}
