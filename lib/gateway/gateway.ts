import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { clientAddress } from "../client-address";
import { type ClientSession, gatewayLimits } from "./client-session";
import { createNode, type GatewayNode } from "./node";
import type { CloseReason } from "./protocol";
import type { SessionTransport } from "./transport";

export const gatewayPath = "/connection/websocket";

/**
 * The WebSocket gateway: accepts upgrades on `gatewayPath` only, caps inbound frames, and
 * hands each socket to this node (node.ts) as a session speaking over it.
 */
export function createGateway() {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: gatewayLimits.maxFrameBytes,
    // Compression would keep a zlib context per socket; the frames are small JSON.
    perMessageDeflate: false,
    // The hub knows every session: ws's own set of clients would be a second.
    clientTracking: false,
    WebSocket: SessionSocket,
  });
  const node = createNode();

  return {
    /** Whether this upgrade request is the gateway's; others (e.g. Next's HMR) are left alone. */
    handles(request: IncomingMessage): boolean {
      return new URL(request.url ?? "/", "http://localhost").pathname === gatewayPath;
    },

    upgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
      if (!node.accepting) {
        socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n");
        return;
      }
      const clientIp = clientAddress(request);
      if (!node.admits(clientIp)) {
        // Refused before the handshake, which would cost a socket's whole WebSocket state.
        socket.end("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nConnection: close\r\n\r\n");
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => serveSession(node, ws, clientIp));
    },

    /** Sessions connected to this node. */
    get sessionCount() {
      return node.sessionCount;
    },

    connectionsByPlatform: () => node.connectionsByPlatform(),

    /**
     * Stops taking commands, lets running RPCs answer (up to `timeoutMs`), then closes
     * every socket with the code that makes clients reconnect elsewhere.
     */
    async close(timeoutMs = 5000) {
      await node.close(timeoutMs);
      wss.close();
    },
  };
}

export type Gateway = ReturnType<typeof createGateway>;

/**
 * A socket that knows the session it carries, so that one set of listener functions serves
 * every socket: closures per socket would cost more than the session itself.
 */
class SessionSocket extends WebSocket {
  session: ClientSession | null = null;
}

/** The session's side of its socket. */
class SocketTransport implements SessionTransport {
  constructor(private readonly socket: WebSocket) {}

  send(message: string) {
    this.socket.send(message);
  }

  close(reason: CloseReason) {
    this.socket.close(reason.code, reason.reason);
  }

  get bufferedBytes() {
    return this.socket.bufferedAmount;
  }
}

/** Feeds the socket's messages and its end to a new session, which answers through the socket. */
function serveSession(node: GatewayNode, socket: SessionSocket, clientIp: string) {
  socket.session = node.accept(new SocketTransport(socket), clientIp);
  socket.on("message", receiveMessage);
  socket.on("close", endSession);
  socket.on("error", loseSession);
}

// ws calls its listeners on the socket, typed as its base class: the server makes only SessionSockets.
const sessionOf = (socket: WebSocket) => (socket as SessionSocket).session!;

function receiveMessage(this: WebSocket, data: RawData, isBinary: boolean) {
  sessionOf(this).receive(isBinary ? null : data.toString());
}

// 1006: the connection ended without a close frame, as when a network or a device goes away.
function endSession(this: WebSocket, code: number) {
  sessionOf(this).transportClosed({ lost: code === 1006 });
}

function loseSession(this: WebSocket) {
  sessionOf(this).transportClosed({ lost: true });
}
