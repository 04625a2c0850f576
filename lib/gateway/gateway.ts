import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import { gatewayLimits } from "./client-session";
import { createNode, type GatewayNode } from "./node";
import type { SessionTransport } from "./transport";

export const gatewayPath = "/connection/websocket";

/**
 * The WebSocket gateway: accepts upgrades on `gatewayPath` only, caps inbound frames, and
 * hands each socket to this node (node.ts) as a session speaking over it.
 */
export function createGateway() {
  const wss = new WebSocketServer({ noServer: true, maxPayload: gatewayLimits.maxFrameBytes });
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
      wss.handleUpgrade(request, socket, head, (ws) => serveSession(node, ws, clientIpOf(request)));
    },

    /** Sessions connected to this node. */
    get sessionCount() {
      return node.sessionCount;
    },

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

/** Feeds the socket's messages and its end to a new session, which answers through the socket. */
function serveSession(node: GatewayNode, ws: WebSocket, clientIp: string) {
  const transport: SessionTransport = {
    send: (message) => ws.send(message),
    close: (reason) => ws.close(reason.code, reason.reason),
    get bufferedBytes() {
      return ws.bufferedAmount;
    },
  };
  const session = node.accept(transport, clientIp);
  ws.on("message", (data, isBinary) => session.receive(isBinary ? null : data.toString()));
  // 1006: the connection ended without a close frame, as when a network or a device goes away.
  ws.on("close", (code) => session.transportClosed({ lost: code === 1006 }));
  ws.on("error", () => session.transportClosed({ lost: true }));
}

/** The client's address: the first X-Forwarded-For hop behind a proxy, else the socket's peer. */
function clientIpOf(request: IncomingMessage): string {
  const forwarded = request.headers["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || request.socket.remoteAddress || "";
}
