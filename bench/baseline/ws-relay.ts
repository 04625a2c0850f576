// The baseline: a bare `ws` relay speaking just enough of the Centrifuge protocol for the same
// lean clients, doing the least a message needs: parse the frame once, write the delivery
// (to the recipient of a direct message; any other to every other connection, its frame built
// once) and the acknowledgement. No authentication (the token is the user id), no storage, no
// bus, no message ids of its own.
import { WebSocketServer, type WebSocket } from "ws";

const sockets = new Map<string, WebSocket>();
const server = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: false });

const frame = (userId: string, data: string) => `{"push":{"channel":"personal:${userId}","pub":{"data":${data}}}}`;

server.on("connection", (socket) => {
  let userId = "";
  socket.on("close", () => sockets.delete(userId));
  socket.on("message", (raw) => {
    const command = JSON.parse(raw.toString());
    if (command.rpc?.method === "message.send") {
      const { channelType, channelId } = command.rpc.data;
      const data = `{"type":"message","message":${JSON.stringify(command.rpc.data)}}`;
      if (channelType === 1) sockets.get(channelId)?.send(frame(channelId, data));
      else for (const [recipientId, recipient] of sockets) if (recipient !== socket) recipient.send(frame(recipientId, data));
      socket.send(`{"id":${command.id},"rpc":{"data":{}}}`);
    } else if (command.connect) {
      userId = command.connect.token;
      sockets.set(userId, socket);
      socket.send(`{"id":${command.id},"connect":{"client":"${userId}","version":"relay","subs":{"personal:${userId}":{}}}}`);
    } else if (command.id) {
      socket.send(`{"id":${command.id},"rpc":{"data":{}}}`);
    }
  });
});

server.on("listening", () => {
  const address = server.address() as { port: number };
  process.stdout.write(`relay listening on ${address.port}\n`);
});
