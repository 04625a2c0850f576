import WebSocket from "ws";
import { SwitchboardClient } from "../../lib/sdk";
import { percentile, round } from "./stats";

export type LoadOptions = {
  pairs: number;
  messagesPerSender: number;
  /** Closed loop: each sender keeps this many sends outstanding (as fast as acknowledged). */
  inFlightPerSender: number;
  /** Open loop instead: the senders together send this many messages per second, acknowledged or not. */
  messagesPerSecond?: number;
};

/**
 * Runs `pairs` sender → receiver pairs of SDK clients against a gateway, closed or open
 * loop. Measures send → delivery latency at the receiver, send → acknowledgement latency
 * at the sender, and delivered messages per second.
 */
export async function runDirectLoad(options: LoadOptions & { url: string; tokenFor: (userId: string) => Promise<string> }) {
  const connect = async (userId: string) => {
    const client = new SwitchboardClient({ url: options.url, token: await options.tokenFor(userId), websocket: WebSocket });
    await client.connect();
    return client;
  };
  const pairs = await Promise.all(
    Array.from({ length: options.pairs }, async (_, i) => ({ sender: await connect(`s${i}`), receiver: await connect(`r${i}`), index: i })),
  );
  const deliveryMs: number[] = [];
  const ackMs: number[] = [];
  const startedAt = new Map<string, number>();
  const total = options.pairs * options.messagesPerSender;
  let delivered = 0;
  const allDelivered = new Promise<void>((resolve) => {
    for (const { receiver } of pairs) {
      receiver.onMessage((message) => {
        // Only this run's messages: a new client's first sync also brings earlier runs'.
        const started = startedAt.get(message.clientMessageId!);
        if (started === undefined) return;
        deliveryMs.push(performance.now() - started);
        if (++delivered === total) resolve();
      });
    }
  });

  // Client message ids are new in every run: a repeated one would be answered as a retry.
  const run = Math.random().toString(36).slice(2, 8);
  const send = async (sender: SwitchboardClient, index: number, position: number) => {
    const clientMessageId = `${run}-${index}-${position}`;
    const started = performance.now();
    startedAt.set(clientMessageId, started);
    await sender.sendDirectMessage({ to: `r${index}`, text: `message ${clientMessageId}`, clientMessageId });
    ackMs.push(performance.now() - started);
  };
  const sendAll = options.messagesPerSecond === undefined ? sendClosedLoop : sendOpenLoop;
  const begin = performance.now();
  await Promise.all(pairs.map(({ sender, index }) => sendAll(options, (position) => send(sender, index, position))));
  await Promise.race([allDelivered, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  const seconds = (performance.now() - begin) / 1000;
  for (const { sender, receiver } of pairs) {
    sender.disconnect();
    receiver.disconnect();
  }
  return {
    messages: total,
    delivered,
    "messages/s": round(delivered / seconds, 0),
    "delivery p50 ms": round(percentile(deliveryMs, 0.5), 2),
    "delivery p99 ms": round(percentile(deliveryMs, 0.99), 2),
    "ack p50 ms": round(percentile(ackMs, 0.5), 2),
    "ack p99 ms": round(percentile(ackMs, 0.99), 2),
  };
}

async function sendClosedLoop(options: LoadOptions, send: (position: number) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < options.messagesPerSender) await send(next++);
  };
  await Promise.all(Array.from({ length: options.inFlightPerSender }, lane));
}

/** One sender's share of the rate, each send at its time whether or not the earlier ones were acknowledged. */
async function sendOpenLoop(options: LoadOptions, send: (position: number) => Promise<void>) {
  const intervalMs = (options.pairs * 1000) / options.messagesPerSecond!;
  const start = performance.now() + Math.random() * intervalMs;
  const sends: Promise<void>[] = [];
  for (let position = 0; position < options.messagesPerSender; position++) {
    const wait = start + position * intervalMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sends.push(send(position));
  }
  await Promise.all(sends);
}
