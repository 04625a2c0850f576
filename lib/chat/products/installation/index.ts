// The installation's own identity and secrets (shared by every node).
// The public face of this product: other folders import from here, never from its files.
export { getInstallationId, getInstallationSecret } from "./get-installation-secret";
