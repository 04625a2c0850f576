export { getInstallationSecret } from "./get-installation-secret";
