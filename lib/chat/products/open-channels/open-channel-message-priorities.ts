import { type AppSettings, changeAppSettings, getAppSettings } from "../../base/apps/app-settings";
import { ChatError } from "../../base/errors";

/** Which of the app's open-channel type lists: dropped last, or first, under load. */
export type PriorityList = "openChannelPriorityMessageTypes" | "openChannelLowPriorityMessageTypes";

const maxTypesPerList = 20;
const typePattern = /^[A-Za-z0-9:_.-]{1,32}$/;

function checkTypes(messageTypes: string[]): string[] {
  if (messageTypes.length < 1 || messageTypes.length > maxTypesPerList || !messageTypes.every((type) => typePattern.test(type))) {
    throw new ChatError("invalidParameter", `messageTypes must hold 1 to ${maxTypesPerList} message types`);
  }
  return messageTypes;
}

export async function addPriorityMessageTypes(input: { appId: string; list: PriorityList; messageTypes: string[] }): Promise<void> {
  const added = checkTypes(input.messageTypes);
  const other: PriorityList = input.list === "openChannelPriorityMessageTypes" ? "openChannelLowPriorityMessageTypes" : "openChannelPriorityMessageTypes";
  await changeAppSettings(input.appId, (settings: AppSettings) => {
    const clash = added.find((type) => settings[other].includes(type));
    if (clash) throw new ChatError("conflict", `${clash} is on the other priority list; remove it there first`);
    const types = [...new Set([...settings[input.list], ...added])];
    if (types.length > maxTypesPerList) throw new ChatError("unprocessable", `A priority list holds at most ${maxTypesPerList} message types`);
    return { [input.list]: types };
  });
}

export async function removePriorityMessageTypes(input: { appId: string; list: PriorityList; messageTypes: string[] }): Promise<void> {
  const removed = new Set(checkTypes(input.messageTypes));
  await changeAppSettings(input.appId, (settings) => ({ [input.list]: settings[input.list].filter((type) => !removed.has(type)) }));
}

export async function findPriorityMessageTypes(input: { appId: string; list: PriorityList }) {
  return { messageTypes: (await getAppSettings(input.appId))[input.list] };
}
