import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type { AuditEntryView, OperatorView } from "@/lib/contract";

const keys = { operators: ["operators"] as const, audit: (appKey: string) => ["audit", appKey] as const };

export const operatorsQuery = () =>
  queryOptions({ queryKey: keys.operators, queryFn: ({ signal }) => requestJson<{ operators: OperatorView[] }>("/api/console/operators", { signal }).then((answer) => answer.operators) });

export const auditQuery = (appKey: string) =>
  queryOptions({
    queryKey: keys.audit(appKey),
    queryFn: ({ signal }) =>
      requestJson<{ entries: AuditEntryView[] }>(`/api/console/audit?limit=100${appKey ? `&appKey=${encodeURIComponent(appKey)}` : ""}`, { signal }).then((answer) => answer.entries),
  });

export function useOperatorMutations() {
  const queryClient = useQueryClient();
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: keys.operators }), queryClient.invalidateQueries({ queryKey: ["audit"] })]);
  return {
    invite: useMutation({
      mutationFn: (input: { email: string; name: string; role: string }) =>
        requestJson<{ operator: OperatorView; password: string }>("/api/console/operators", { method: "POST", body: input }),
      onSuccess: refresh,
    }),
    changeRole: useMutation({
      mutationFn: (input: { id: string; role: string }) => requestJson(`/api/console/operators/${encodeURIComponent(input.id)}`, { method: "PATCH", body: { role: input.role } }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => requestJson(`/api/console/operators/${encodeURIComponent(id)}`, { method: "DELETE" }),
      onSuccess: refresh,
    }),
  };
}
