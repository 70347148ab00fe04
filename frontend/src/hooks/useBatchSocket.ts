import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { batchSocketUrl } from "../api/client";
import type { Batch } from "../api/types";
import { applyMessage, isFinished, type SocketMessage } from "../lib/progress";
import { queryKeys } from "./queries";

export type SocketState = "connecting" | "live" | "reconnecting" | "finished" | "not-found";

const NOT_FOUND = 4404;
const MAX_BACKOFF_MS = 10_000;

/**
 * Follows a batch over its WebSocket and keeps the batch query's data current. Reconnects on
 * its own with backoff (the server may be restarting); each connection starts with a fresh
 * snapshot, and a gap in versions asks the server for another.
 */
export function useBatchSocket(batchId: string, enabled: boolean): SocketState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SocketState>(enabled ? "connecting" : "finished");
  const attempts = useRef(0);

  useEffect(() => {
    if (!enabled) {
      setState("finished");
      return;
    }
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const key = queryKeys.batch(batchId);

    const connect = () => {
      if (stopped) return;
      socket = new WebSocket(batchSocketUrl(batchId));
      socket.onopen = () => {
        attempts.current = 0;
        setState("live");
      };
      socket.onmessage = (event: MessageEvent<string>) => {
        let message: SocketMessage;
        try {
          message = JSON.parse(event.data) as SocketMessage;
        } catch {
          return;
        }
        const current = queryClient.getQueryData<Batch>(key);
        const applied = applyMessage(current, message);
        if (applied.kind === "gap") {
          socket?.send(JSON.stringify({ type: "resync" }));
          return;
        }
        if (applied.kind === "updated") {
          queryClient.setQueryData<Batch>(key, applied.batch);
          if (isFinished(applied.batch.status)) {
            void queryClient.invalidateQueries({ queryKey: queryKeys.batches });
          }
        }
      };
      socket.onclose = (event) => {
        socket = null;
        if (stopped) return;
        if (event.code === NOT_FOUND) {
          setState("not-found");
          void queryClient.invalidateQueries({ queryKey: key });
          return;
        }
        const batch = queryClient.getQueryData<Batch>(key);
        if (event.code === 1000 && batch && isFinished(batch.status)) {
          setState("finished");
          // The final state from the database, in case the last event raced the close.
          void queryClient.invalidateQueries({ queryKey: key });
          return;
        }
        attempts.current += 1;
        setState("reconnecting");
        const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempts.current, 5));
        timer = setTimeout(connect, delay);
      };
    };

    setState("connecting");
    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket?.close(1000);
    };
  }, [batchId, enabled, queryClient]);

  return state;
}
