import "next-auth";

declare module "next-auth" {
  interface Session {
    /** The signed-in operator's id; name, email and role are read fresh from the database. */
    operatorId?: string;
  }
}
