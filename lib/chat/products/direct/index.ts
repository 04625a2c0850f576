// Direct messages: one conversation for each pair of users.
// The public face of this product: other folders import from here, never from its files.
export { routeDirectMessage } from "./route-direct-message";
