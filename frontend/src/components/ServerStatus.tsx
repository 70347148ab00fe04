import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import { queryKeys } from "../hooks/queries";

/** A banner while the API does not answer (restarting, stopped); it goes away on its own.
 *  Otherwise, what the server has switched off (no Chromium, no fingerprint data…), with
 *  the fix, so that a missing part never reads as a finding about the sites. */
export function ServerStatus() {
  const health = useQuery({
    queryKey: ["healthz"],
    queryFn: async () => {
      const response = await fetch("/healthz");
      if (!response.ok) throw new Error(`healthz ${response.status}`);
      return true;
    },
    refetchInterval: (query) => (query.state.error ? 2_000 : 15_000),
    retry: false,
  });
  const status = useQuery({ queryKey: queryKeys.status, queryFn: api.getStatus, staleTime: 60_000 });
  if (health.isError) {
    return (
      <div className="banner banner--warning" role="status">
        <span className="spinner spinner--small" aria-hidden="true" />
        The Aura server is not answering. Reconnecting… your comparisons keep running on the server.
      </div>
    );
  }
  const warnings = status.data?.warnings ?? [];
  if (!warnings.length) return null;
  return (
    <div className="banner banner--warning banner--list" role="note" data-testid="server-warnings">
      <ul>
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
    </div>
  );
}
