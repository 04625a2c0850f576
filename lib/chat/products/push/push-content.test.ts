import { describe, expect, it } from "vitest";
import { defaultPushBody, pushTitleAndBody } from "./push-content";

describe("push content", () => {
  it("shows the text of text messages, shortened, and a placeholder for other types", () => {
    expect(defaultPushBody("RC:TxtMsg", { content: "hello" })).toBe("hello");
    expect(defaultPushBody("RC:TxtMsg", { content: "x".repeat(500) })).toHaveLength(200);
    expect(defaultPushBody("RC:ImgMsg", { imageUri: "https://example.com/a.png" })).toBe("[Image]");
    expect(defaultPushBody("app:order", { orderId: 1 })).toBe("New message");
  });

  it("titles group and community notifications with the channel and names the sender in the body", () => {
    expect(pushTitleAndBody({ channelType: 3, channelName: "Team", senderName: "Ann", body: "hi" })).toEqual({ title: "Team", body: "Ann: hi" });
    expect(pushTitleAndBody({ channelType: 1, channelName: null, senderName: "Ann", body: "hi" })).toEqual({ title: "Ann", body: "hi" });
  });
});
