/**
 * Where Switchboard's Platform API knowingly differs from the contract, by endpoint and
 * field path (as test/contract.test.ts reports them), each with its reason. Keep it short:
 * a difference that an app server written for the contract would trip on is a defect to
 * fix, not an entry here.
 */
export const allowedDifferences: Record<string, Record<string, string>> = {};

const lastMessage = "a conversation's last message is its newest: there is no separate preview to keep";
const pushExt = "the contract's own push vendors' options (templates, channels); pushContent, pushData and contentAvailable shape the notification here";
const everyMessageTakesMetadata = "every message takes metadata here, so there is nothing to switch on";
const sendFields = { "request.pushExt": pushExt, "request.disableUpdateLastMsg": lastMessage, "request.hasMetadata": everyMessageTakesMetadata };
const recallFields = {
  "request.sentAt": "the message id alone finds the message",
  "request.extra": "a recall carries no text of its own here",
  "request.disablePush": "a recall sends no push here",
  "request.disableUpdateLastMsg": lastMessage,
};
const audiencePush = {
  "request.message.disableUpdateLastMsg": "the message of a push is live only, not stored",
  "request.notification.forceShowPushContent": "notifications always show their text here",
  "request.notification.ios": pushExt,
  "request.notification.android": pushExt,
  "request.notification.harmonyOS": "no HarmonyOS push service here yet",
};

/**
 * Request fields the contract defines that Switchboard takes (so calls written for the
 * contract are accepted) but does not act on, each with why. Everything else a request
 * carries is honoured.
 */
export const fieldsTakenWithoutEffect: Record<string, Record<string, string>> = {
  "/v4/direct-channel/message/send": { ...sendFields, "request.count": "the badge a device shows is its unread count here, not a number the sender picks" },
  "/v4/group-channel/message/send": { ...sendFields, "request.hasMention": "mentions are read from the content's mentionedInfo" },
  "/v4/community-channel/message/send": {
    "request.pushExt": pushExt,
    "request.hasMetadata": everyMessageTakesMetadata,
    "request.isCounted": "the message type decides whether a message counts as unread (app setting customMessageTypes)",
    "request.hasMention": "mentions are read from the content's mentionedInfo",
  },
  "/v4/direct-channel/message/stream/send": { "request.disableUpdateLastMsg": lastMessage },
  "/v4/group-channel/message/stream/send": { "request.disableUpdateLastMsg": lastMessage, "request.hasMention": "mentions are read from the first chunk's mentionedInfo" },
  "/v4/system-channel/message/send": { "request.pushExt": pushExt, "request.disableUpdateLastMsg": lastMessage },
  "/v4/system-channel/message/broadcast-all": { "request.pushExt": pushExt, "request.disableUpdateLastMsg": lastMessage },
  "/v4/system-channel/message/broadcast/delete": { "request.sentAt": "the message id alone finds the broadcast", "request.extra": recallFields["request.extra"], "request.disableUpdateLastMsg": lastMessage },
  "/v4/message/delete": recallFields,
  "/v4/channel-type/message/metadata/set": { "request.isEchoToSender": "the setter's own devices always learn of the change" },
  "/v4/system-channel/tagged-users/send": audiencePush,
  "/v4/system-channel/app-package-users/send": audiencePush,
};
