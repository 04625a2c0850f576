// System conversations: the app's messages to one user, and broadcasts to every user.
// The public face of this product: other folders import from here, never from its files.
export { routeSystemMessage } from "./route-system-message";
