import { useQuery } from "@tanstack/react-query";

/** A banner while the API does not answer (restarting, stopped); it goes away on its own. */
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
  if (!health.isError) return null;
  return (
    <div className="banner banner--warning" role="status">
      <span className="spinner spinner--small" aria-hidden="true" />
      The Aura server is not answering. Reconnecting… your comparisons keep running on the server.
    </div>
  );
}
