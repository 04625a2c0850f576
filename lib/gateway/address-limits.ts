import { env } from "../env";

/**
 * Connection floods, per client address on this node: connections that have not
 * authenticated yet, and connections opened in the current second. An address is
 * forgotten once it holds no pending connection and its second has passed, so a flood
 * from many addresses leaves nothing behind.
 */
export class AddressLimits {
  private readonly pending = new Map<string, number>();
  private attempts = new Map<string, number>();
  private second = 0;

  /** A connection attempt from `address`: whether it may go on (then `open` follows, once the handshake succeeded). */
  admit(address: string): boolean {
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.attempts = new Map();
    }
    const attempts = (this.attempts.get(address) ?? 0) + 1;
    this.attempts.set(address, attempts);
    return attempts <= env.SWITCHBOARD_MAX_CONNECTS_PER_SECOND_PER_ADDRESS && (this.pending.get(address) ?? 0) < env.SWITCHBOARD_MAX_PENDING_CONNECTIONS_PER_ADDRESS;
  }

  /** A connection from `address` open and not yet authenticated: it counts as pending until `settle`. */
  open(address: string) {
    this.pending.set(address, (this.pending.get(address) ?? 0) + 1);
  }

  /** A pending connection authenticated, or closed before it did. */
  settle(address: string) {
    const left = (this.pending.get(address) ?? 1) - 1;
    if (left > 0) this.pending.set(address, left);
    else this.pending.delete(address);
  }
}
