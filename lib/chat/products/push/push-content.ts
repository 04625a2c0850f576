import { ChannelType } from "../../base/channels/channel-types";

/** What a notification says for a built-in type when the sender gave no push content. */
const placeholders: Record<string, string> = {
  "RC:ImgMsg": "[Image]",
  "RC:GIFMsg": "[GIF]",
  "RC:HQVCMsg": "[Voice]",
  "RC:VcMsg": "[Voice]",
  "RC:SightMsg": "[Video]",
  "RC:FileMsg": "[File]",
  "RC:LBSMsg": "[Location]",
  "RC:CombineMsg": "[Chat history]",
  "RC:ImgTextMsg": "[Link]",
};
const fallback = "New message";
const maxBodyLength = 200;

/** The notification's text: the sender's push content, the text of text messages, else a placeholder by type. */
export function defaultPushBody(messageType: string, content: Record<string, unknown>): string {
  if ((messageType === "RC:TxtMsg" || messageType === "RC:ReferenceMsg" || messageType === "RC:StreamMsg") && typeof content.content === "string") return content.content.slice(0, maxBodyLength);
  return placeholders[messageType] ?? fallback;
}

/** In a group or community the title is the channel and the body names the sender; elsewhere the title is the sender. */
export function pushTitleAndBody(input: { channelType: number; channelName: string | null; senderName: string; body: string }): { title: string; body: string } {
  const inChannel = input.channelType === ChannelType.group || input.channelType === ChannelType.community;
  return inChannel ? { title: input.channelName ?? input.senderName, body: `${input.senderName}: ${input.body}` } : { title: input.senderName, body: input.body };
}
