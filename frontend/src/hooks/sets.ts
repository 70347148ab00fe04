import { useCallback } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, request } from "../api/client";
import type {
  AlertList,
  AlertRuleCreate,
  AlertRuleList,
  AlertRuleRead,
  Batch,
  RunChanges,
  RunList,
  SetCreate,
  SetList,
  SetRead,
  SetUpdate,
  Trends,
} from "../api/types";
import { isFinished } from "../lib/progress";
import { awaitingChangeCount } from "../lib/sets";
import { queryKeys as batchKeys } from "./queries";

const SETS = "/api/v1/sets";
const at = (setId: string) => `${SETS}/${encodeURIComponent(setId)}`;

/** The runs to compare; null on both sides asks for the server's default pair. */
export interface RunPair {
  from: string | null;
  to: string | null;
}

export const setsApi = {
  list: () => request<SetList>(`${SETS}/`),
  get: (id: string) => request<SetRead>(at(id)),
  create: (body: SetCreate) => request<SetRead>(`${SETS}/`, { method: "POST", body: JSON.stringify(body) }),
  update: (id: string, body: SetUpdate) => request<SetRead>(at(id), { method: "PATCH", body: JSON.stringify(body) }),
  remove: (id: string) => request<void>(at(id), { method: "DELETE" }),
  run: (id: string) => request<Batch>(`${at(id)}/runs`, { method: "POST" }),
  runs: (id: string) => request<RunList>(`${at(id)}/runs`),
  changes: (id: string, pair: RunPair) => {
    const query = new URLSearchParams();
    if (pair.from) query.set("from_run", pair.from);
    if (pair.to) query.set("to_run", pair.to);
    const text = query.toString();
    return request<RunChanges>(`${at(id)}/changes${text ? `?${text}` : ""}`);
  },
  trends: (id: string) => request<Trends>(`${at(id)}/trends`),
  rules: (id: string) => request<AlertRuleList>(`${at(id)}/alert-rules`),
  addRule: (id: string, body: AlertRuleCreate) =>
    request<AlertRuleRead>(`${at(id)}/alert-rules`, { method: "POST", body: JSON.stringify(body) }),
  deleteRule: (id: string, ruleId: string) =>
    request<void>(`${at(id)}/alert-rules/${encodeURIComponent(ruleId)}`, { method: "DELETE" }),
  alerts: (id: string) => request<AlertList>(`${at(id)}/alerts`),
};

/** The overlay image of a visual change (fetched with the token by AuthImage). */
export function visualUrl(setId: string, batchId: string, name: string): string {
  return `${at(setId)}/runs/${encodeURIComponent(batchId)}/visual/${encodeURIComponent(name)}`;
}

export const setKeys = {
  all: ["sets"] as const,
  list: ["sets", "list"] as const,
  set: (id: string) => ["sets", id] as const,
  runs: (id: string) => ["sets", id, "runs"] as const,
  changes: (id: string, pair: RunPair) => ["sets", id, "changes", pair.from, pair.to] as const,
  trends: (id: string) => ["sets", id, "trends"] as const,
  rules: (id: string) => ["sets", id, "rules"] as const,
  alerts: (id: string) => ["sets", id, "alerts"] as const,
};

/** 404 stays 404: a deleted set is not retried. */
function notFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 422);
}

export function useSets() {
  return useQuery({
    queryKey: setKeys.list,
    queryFn: setsApi.list,
    placeholderData: keepPreviousData,
    refetchInterval: (query) => {
      if (query.state.error) return 5_000;
      const running = query.state.data?.items.some((s) => s.last_run && !isFinished(s.last_run.status));
      return running ? 3_000 : 30_000;
    },
  });
}

export function useSet(id: string) {
  return useQuery({
    queryKey: setKeys.set(id),
    queryFn: () => setsApi.get(id),
    refetchInterval: (query) => (notFound(query.state.error) ? false : 30_000),
  });
}

export function useSetRuns(id: string) {
  return useQuery({
    queryKey: setKeys.runs(id),
    queryFn: () => setsApi.runs(id),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => {
      if (notFound(query.state.error)) return false;
      const items = query.state.data?.items ?? [];
      const settling = items.some((run) => !isFinished(run.status)) || awaitingChangeCount(items);
      return settling ? 3_000 : 30_000;
    },
  });
}

/**
 * The changes between two runs. `latestFinished` (the newest finished run's id) is part of
 * the key of the default pair, so a run that finishes brings its changes with it.
 */
export function useChanges(id: string, pair: RunPair, latestFinished: string | null, enabled: boolean) {
  return useQuery({
    queryKey: [...setKeys.changes(id, pair), pair.from || pair.to ? null : latestFinished] as const,
    queryFn: () => setsApi.changes(id, pair),
    enabled,
    placeholderData: keepPreviousData,
    // A pair of finished runs never changes; the default pair is keyed by its newest run.
    staleTime: 60_000,
  });
}

export function useTrends(id: string, latestFinished: string | null) {
  return useQuery({
    queryKey: [...setKeys.trends(id), latestFinished] as const,
    queryFn: () => setsApi.trends(id),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useAlertRules(id: string) {
  return useQuery({ queryKey: setKeys.rules(id), queryFn: () => setsApi.rules(id) });
}

export function useAlerts(id: string) {
  return useQuery({
    queryKey: setKeys.alerts(id),
    queryFn: () => setsApi.alerts(id),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => {
      if (notFound(query.state.error)) return false;
      const busy = query.state.data?.items.some((a) => a.delivery.status === "pending" || a.delivery.status === "sending");
      return busy ? 3_000 : 20_000;
    },
  });
}

export function useCreateSet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetCreate) => setsApi.create(body),
    onSuccess: (created) => {
      queryClient.setQueryData(setKeys.set(created.id), created);
      void queryClient.invalidateQueries({ queryKey: setKeys.list });
    },
  });
}

export function useUpdateSet(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetUpdate) => setsApi.update(id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(setKeys.set(id), updated);
      void queryClient.invalidateQueries({ queryKey: setKeys.list });
    },
  });
}

export function useDeleteSet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => setsApi.remove(id),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: setKeys.set(id) });
      void queryClient.invalidateQueries({ queryKey: setKeys.list });
      // Its runs stay as plain comparisons.
      void queryClient.invalidateQueries({ queryKey: batchKeys.batches });
    },
  });
}

export function useRunSet(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => setsApi.run(id),
    onSuccess: (batch) => {
      queryClient.setQueryData(batchKeys.batch(batch.id), batch);
      void queryClient.invalidateQueries({ queryKey: setKeys.runs(id) });
      void queryClient.invalidateQueries({ queryKey: setKeys.set(id) });
      void queryClient.invalidateQueries({ queryKey: setKeys.list });
      void queryClient.invalidateQueries({ queryKey: batchKeys.batches });
    },
  });
}

export function useAddRule(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AlertRuleCreate) => setsApi.addRule(id, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: setKeys.rules(id) }),
  });
}

export function useDeleteRule(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ruleId: string) => setsApi.deleteRule(id, ruleId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: setKeys.rules(id) });
      void queryClient.invalidateQueries({ queryKey: setKeys.alerts(id) });
    },
  });
}

/** Everything about a set that a finished run changes: runs, changes, trends, alerts. */
export function useRefreshAfterRun(id: string) {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: setKeys.set(id) });
    void queryClient.invalidateQueries({ queryKey: setKeys.runs(id) });
    void queryClient.invalidateQueries({ queryKey: setKeys.alerts(id) });
    void queryClient.invalidateQueries({ queryKey: setKeys.list });
  }, [id, queryClient]);
}
