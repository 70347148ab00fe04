import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, apiFetch } from "../api/client";
import type { Batch, BatchCreate } from "../api/types";
import { hasComparison, isFinished } from "../lib/progress";

export const queryKeys = {
  batches: ["batches"] as const,
  batch: (id: string) => ["batch", id] as const,
  comparison: (id: string) => ["comparison", id] as const,
  analysis: (id: string) => ["analysis", id] as const,
  schema: ["openapi"] as const,
  status: ["status"] as const,
};

/** Retry what may pass later (server restarting, 5xx); never a 4xx, which will not. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 3;
}

export function useBatches() {
  return useQuery({
    queryKey: queryKeys.batches,
    queryFn: () => api.listBatches(1, 100),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => {
      const page = query.state.data;
      if (query.state.error) return 5_000;
      return page?.items.some((b) => !isFinished(b.status)) ? 3_000 : 30_000;
    },
  });
}

export function useBatch(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.batch(id),
    queryFn: async () => {
      const fresh = await api.getBatch(id);
      // The socket may have delivered a newer version while this request was in flight.
      const cached = queryClient.getQueryData<Batch>(queryKeys.batch(id));
      return cached && cached.id === fresh.id && cached.version > fresh.version ? cached : fresh;
    },
    // The socket keeps the data current; this only covers the gaps (e.g. socket down).
    refetchInterval: (query) => {
      const batch = query.state.data;
      if (query.state.error instanceof ApiError && query.state.error.status === 404) return false;
      return batch && isFinished(batch.status) ? false : 10_000;
    },
  });
}

export function useComparison(batch: Batch | undefined) {
  const ready = !!batch && hasComparison(batch);
  return useQuery({
    queryKey: queryKeys.comparison(batch?.id ?? ""),
    queryFn: () => api.getComparison(batch!.id),
    enabled: ready,
    // A 409 right after the final event means the comparison is a moment away.
    retry: (count, error) => (error instanceof ApiError && error.status === 409 ? count < 5 : shouldRetry(count, error)),
    retryDelay: 1_000,
    // A stored comparison never changes (a re-run is a new batch); a cancelled batch's is
    // made on each read, and grows as the analyses running at the cancel finish.
    staleTime: batch?.status === "cancelled" ? 0 : Infinity,
  });
}

export function useAnalysis(id: string) {
  return useQuery({
    queryKey: queryKeys.analysis(id),
    queryFn: () => api.getAnalysis(id),
    refetchInterval: (query) => {
      const analysis = query.state.data;
      return analysis && ["completed", "failed", "cancelled"].includes(analysis.status) ? false : 3_000;
    },
  });
}

export function useAnalyses(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: queryKeys.analysis(id),
      queryFn: () => api.getAnalysis(id),
      staleTime: Infinity,
    })),
  });
}

export interface ModeOptions {
  modes: string[];
  /** null: the server chooses (browser where Chromium is installed, else static). */
  default: string | null;
}

/** The analysis modes the server accepts, and its default, read from its OpenAPI schema. */
export function useModes() {
  return useQuery({
    queryKey: queryKeys.schema,
    queryFn: async (): Promise<ModeOptions> => {
      const response = await apiFetch("/openapi.json");
      if (!response.ok) return { modes: ["static"], default: null };
      const schema = (await response.json()) as {
        components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
      };
      const mode = schema.components?.schemas?.BatchCreate?.properties?.mode;
      const found = modesOf(mode, schema.components?.schemas ?? {});
      const modes = found.length ? found : ["static"];
      const declared = (mode as { default?: unknown } | undefined)?.default;
      return { modes, default: typeof declared === "string" && modes.includes(declared) ? declared : null };
    },
    staleTime: Infinity,
  });
}

function modesOf(node: unknown, schemas: Record<string, unknown>): string[] {
  if (typeof node !== "object" || node === null) return ["static"];
  const value = node as { enum?: unknown; const?: unknown; $ref?: string; anyOf?: unknown[]; allOf?: unknown[] };
  if (Array.isArray(value.enum)) return value.enum.filter((v): v is string => typeof v === "string");
  if (typeof value.const === "string") return [value.const];
  if ((value as { type?: unknown }).type === "null") return [];
  if (value.$ref) return modesOf(schemas[value.$ref.split("/").pop() ?? ""], schemas);
  const parts = value.anyOf ?? value.allOf;
  if (parts) return [...new Set(parts.flatMap((part) => modesOf(part, schemas)))];
  return [];
}

export function useCreateBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BatchCreate) => api.createBatch(body),
    onSuccess: (batch) => {
      queryClient.setQueryData(queryKeys.batch(batch.id), batch);
      void queryClient.invalidateQueries({ queryKey: queryKeys.batches });
    },
  });
}

export function useDeleteBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.deleteBatch(id),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: queryKeys.batch(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.batches });
    },
  });
}

export function useCancelBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.cancelBatch(id),
    onSuccess: (batch) => {
      queryClient.setQueryData(queryKeys.batch(batch.id), batch);
      void queryClient.invalidateQueries({ queryKey: queryKeys.batches });
    },
  });
}

/** A new batch with the same sites, name and mode as an earlier one. */
export function rerunBody(batch: Batch): BatchCreate {
  // The names the user gave the sites go with them, so the new run calls them the same.
  const labels = Object.fromEntries(batch.urls.flatMap((item) => (item.label ? [[item.url, item.label]] : [])));
  return {
    name: batch.name,
    urls: batch.urls.map((item) => item.url),
    primary_url: batch.primary_url,
    mode: batch.mode as BatchCreate["mode"],
    ...(Object.keys(labels).length ? { labels } : {}),
  };
}
