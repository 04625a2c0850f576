import { processCpuMs } from "./process-cpu";
import { connectRaw, type RawClient } from "./raw-clients";
import { percentile, round } from "./stats";

export type LoadOptions = {
  pairs: number;
  messagesPerSender: number;
  /** Closed loop: each sender keeps this many sends outstanding (as fast as acknowledged). */
  inFlightPerSender: number;
  /** Open loop instead: the senders together send this many messages per second, acknowledged or not. */
  messagesPerSecond?: number;
};

/** A delivery's client message id, read off the raw frame without parsing it. */
const clientMessageIdOf = (frame: string) => /"clientMessageId":"([^"]+)"/.exec(frame)?.[1];

/**
 * Runs `pairs` sender → receiver pairs of lean clients (raw Centrifuge JSON frames, no SDK:
 * the same for Switchboard and the baseline) against a gateway, closed or open loop.
 * Measures send → delivery latency at the receiver, send → acknowledgement latency at the
 * sender, delivered messages per second, and the server's CPU per message (`serverPids`: every process serving, summed).
 */
export async function runDirectLoad(options: LoadOptions & { url: string; serverPids: number[]; tokenFor: (userId: string) => Promise<string> }) {
  const deliveryMs: number[] = [];
  const ackMs: number[] = [];
  const startedAt = new Map<string, number>();
  const total = options.pairs * options.messagesPerSender;
  let delivered = 0;
  let allDeliveredNow = () => {};
  const allDelivered = new Promise<void>((resolve) => (allDeliveredNow = resolve));
  const onDelivery = (frame: string) => {
    const started = startedAt.get(clientMessageIdOf(frame) ?? "");
    if (started === undefined) return;
    deliveryMs.push(performance.now() - started);
    if (++delivered === total) allDeliveredNow();
  };
  const connect = async (userId: string, onPush?: (frame: string) => void) => connectRaw(options.url, await options.tokenFor(userId), onPush);
  const pairs = await Promise.all(
    Array.from({ length: options.pairs }, async (_, i) => ({ sender: await connect(`s${i}`), receiver: await connect(`r${i}`, onDelivery), index: i })),
  );

  // Client message ids are new in every run: a repeated one would be answered as a retry.
  const run = Math.random().toString(36).slice(2, 8);
  const send = async (sender: RawClient, index: number, position: number) => {
    const clientMessageId = `${run}-${index}-${position}`;
    const started = performance.now();
    startedAt.set(clientMessageId, started);
    const reply = await sender.rpc("message.send", { channelType: 1, channelId: `r${index}`, messageType: "RC:TxtMsg", content: { content: `message ${clientMessageId}` }, clientMessageId });
    if (reply.includes('"error"')) throw new Error(`send refused: ${reply}`);
    ackMs.push(performance.now() - started);
  };
  const sendAll = options.messagesPerSecond === undefined ? sendClosedLoop : sendOpenLoop;
  const begin = performance.now();
  const serverCpu = () => options.serverPids.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  const cpuBefore = serverCpu();
  await Promise.all(pairs.map(({ sender, index }) => sendAll(options, (position) => send(sender, index, position))));
  await Promise.race([allDelivered, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  const seconds = (performance.now() - begin) / 1000;
  const serverCpuMs = serverCpu() - cpuBefore;
  for (const { sender, receiver } of pairs) {
    sender.close();
    receiver.close();
  }
  return {
    messages: total,
    delivered,
    "messages/s": round(delivered / seconds, 0),
    "delivery p50 ms": round(percentile(deliveryMs, 0.5), 2),
    "delivery p99 ms": round(percentile(deliveryMs, 0.99), 2),
    "ack p50 ms": round(percentile(ackMs, 0.5), 2),
    "ack p99 ms": round(percentile(ackMs, 0.99), 2),
    "server CPU ms/message": round(serverCpuMs / Math.max(delivered, 1), 3),
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
