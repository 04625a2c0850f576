import type { CloseReason } from "./protocol";

/**
 * What a session needs of the connection that carries it: the seam between the protocol
 * (ClientSession) and a network library (the WebSocket adapter in gateway.ts). Inbound, the
 * transport calls the session's `receive` for each message and `transportClosed` once.
 */
export interface SessionTransport {
  /** Sends one message: a frame, or several separated by newlines. */
  send(message: string): void;
  /** Closes the connection with a close code of the protocol. */
  close(reason: CloseReason): void;
  /** Bytes accepted by `send` and not yet written to the network: a slow reader's backlog. */
  readonly bufferedBytes: number;
}
