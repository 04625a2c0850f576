// System conversations: the app's messages to one user, and broadcasts to every user.
export { routeSystemMessage } from "./route-system-message";
