/** The first operator of the e2e server: server.ts creates it from these on the fresh database. */
export const admin = { email: "admin@e2e.switchboard.test", password: "e2e-operator-password" };
