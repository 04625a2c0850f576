import { redirect } from "next/navigation";
import { getSessionOperator } from "@/lib/auth/session-operator";

export default async function HomePage() {
  redirect((await getSessionOperator()) ? "/apps" : "/sign-in");
}
