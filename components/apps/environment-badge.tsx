import { Badge } from "@/components/ui/badge";

export function EnvironmentBadge({ environment }: { environment: string }) {
  return <Badge tone={environment === "production" ? "green" : "amber"}>{environment === "production" ? "Production" : "Development"}</Badge>;
}
