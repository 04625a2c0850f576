// The installation's own secrets (shared by every node).
// The public face of this product: other folders import from here, never from its files.
export { getInstallationSecret } from "./get-installation-secret";
