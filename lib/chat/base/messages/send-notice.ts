import type { MessageView } from "../../../contract";
import type { SendMessageInput } from "./message-target";

type SendPipeline = (input: SendMessageInput) => Promise<MessageView>;

// On globalThis: server.ts and Next's route handlers load separate instances of this module,
// and either may run a product's change that sends a notice.
const slot = Symbol.for("switchboard.sendPipeline");
const holder = globalThis as typeof globalThis & { [slot]?: SendPipeline };

/** Called once by the send pipeline (messages/send-message.ts) when it loads. */
export function plugInSendPipeline(send: SendPipeline): void {
  holder[slot] = send;
}

/**
 * Sends a product's notice (e.g. a group's RC:GrpNtf) through the send pipeline, like any
 * message. Products stand below the pipeline, which routes to them, so they reach it
 * through this port instead of importing it.
 */
export function sendNotice(input: SendMessageInput): Promise<MessageView> {
  const send = holder[slot];
  if (!send) throw new Error("The send pipeline is not loaded: import lib/chat/messages/send-message in this process's entry");
  return send(input);
}
