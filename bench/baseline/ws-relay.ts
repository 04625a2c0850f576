// The baseline: a bare `ws` server speaking just enough of the Centrifuge protocol for the
// same clients. No authentication (the token is the user id), no storage, no bus. A direct
// message goes to its recipient; any other is broadcast to every other connection, its data
// serialized once and framed per recipient as Switchboard frames it.
import { WebSocketServer, type WebSocket } from "ws";

const sockets = new Map<string, WebSocket>();
let nextSeq = 0;
const server = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: false });

const frame = (userId: string, data: string) => `{"push":{"channel":"personal:${userId}","pub":{"data":${data}}}}`;

server.on("connection", (socket) => {
  let userId = "";
  socket.on("close", () => sockets.delete(userId));
  socket.on("message", (raw) => {
    for (const line of raw.toString().split("\n")) {
      if (!line.trim()) continue;
      const command = JSON.parse(line);
      if (command.connect) {
        userId = command.connect.token;
        sockets.set(userId, socket);
        socket.send(JSON.stringify({ id: command.id, connect: { client: userId, version: "relay", subs: { [`personal:${userId}`]: {} } } }));
      } else if (command.rpc?.method === "message.send") {
        const { channelType, channelId, messageType, content, clientMessageId } = command.rpc.data;
        const message = { messageId: `R${++nextSeq}`, channelType, channelId, senderId: userId, seq: nextSeq, sentAt: Date.now(), messageType, content, clientMessageId };
        const data = JSON.stringify({ type: "message", message });
        if (channelType === 1) sockets.get(channelId)?.send(frame(channelId, data));
        else for (const [recipientId, recipient] of sockets) if (recipient !== socket) recipient.send(frame(recipientId, data));
        socket.send(JSON.stringify({ id: command.id, rpc: { data: { message } } }));
      } else if (command.rpc) {
        socket.send(JSON.stringify({ id: command.id, rpc: { data: {} } }));
      }
    }
  });
});

server.on("listening", () => {
  const address = server.address() as { port: number };
  process.stdout.write(`relay listening on ${address.port}\n`);
});
