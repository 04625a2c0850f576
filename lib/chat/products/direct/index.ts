// Direct messages: one conversation for each pair of users.
export { routeDirectMessage } from "./route-direct-message";
