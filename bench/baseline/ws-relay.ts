// The baseline: a bare `ws` relay speaking just enough of the Centrifuge protocol for the
// same SDK clients. No authentication (the token is the user id), no storage, no bus.
import { WebSocketServer, type WebSocket } from "ws";

const sockets = new Map<string, WebSocket>();
let nextSeq = 0;
const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });

server.on("connection", (socket) => {
  let userId = "";
  socket.on("message", (raw) => {
    for (const line of raw.toString().split("\n")) {
      if (!line.trim()) continue;
      const command = JSON.parse(line);
      if (command.connect) {
        userId = command.connect.token;
        sockets.set(userId, socket);
        socket.send(JSON.stringify({ id: command.id, connect: { client: userId, version: "relay", subs: { [`personal:${userId}`]: {} } } }));
      } else if (command.rpc) {
        const { channelId, messageType, content, clientMessageId } = command.rpc.data;
        const message = { messageId: `R${++nextSeq}`, channelType: 1, channelId, senderId: userId, seq: nextSeq, sentAt: Date.now(), messageType, content, clientMessageId };
        const data = JSON.stringify({ type: "message", message });
        sockets.get(channelId)?.send(`{"push":{"channel":"personal:${channelId}","pub":{"data":${data}}}}`);
        socket.send(JSON.stringify({ id: command.id, rpc: { data: { message } } }));
      }
    }
  });
});

server.on("listening", () => {
  const address = server.address() as { port: number };
  process.stdout.write(`relay listening on ${address.port}\n`);
});
