/** The pages of one app, by path segment below /apps/<appKey>; "" is the app's own page. */
export const appSections = [
  { segment: "", label: "Overview" },
  { segment: "analytics", label: "Analytics" },
  { segment: "settings", label: "Settings" },
  { segment: "users", label: "Users" },
  { segment: "bans", label: "Bans" },
  { segment: "messages", label: "Messages" },
  { segment: "channels", label: "Channels" },
  { segment: "webhooks", label: "Webhooks" },
  { segment: "debugger", label: "Debugger" },
  { segment: "playground", label: "Playground" },
  { segment: "requests", label: "Requests" },
] as const;
