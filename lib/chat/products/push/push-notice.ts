/** What a push notification shows, and the data the app's client gets with it (strings only: FCM data is a string map). */
export type PushNotice = { title: string; body: string; data: Record<string, string>; /** iOS: also wake the app in the background (content-available). */ contentAvailable?: boolean };

/**
 * A provider's answer for one device: delivered; the token is gone (forget the device);
 * failed for good; or worth another try later (rate limited, the service unavailable).
 */
export type PushResult = { outcome: "delivered" | "tokenGone" | "failed" | "retry"; detail?: string };

/** Reads an error answer's text for the log, without keeping big bodies. */
export function describeAnswer(status: number, body: string): string {
  return `HTTP ${status}: ${body.slice(0, 300)}`;
}
