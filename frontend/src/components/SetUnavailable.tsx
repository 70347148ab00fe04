import { Link } from "react-router-dom";
import { ApiError } from "../api/client";
import { EmptyState, ErrorState } from "./States";

/** What the set pages show when the set could not be loaded: gone, or an error to retry. */
export function SetUnavailable({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (error instanceof ApiError && (error.status === 404 || error.status === 422)) {
    return (
      <EmptyState title="This set does not exist" action={<Link to="/sets" className="button">Back to sets</Link>}>
        It may have been deleted.
      </EmptyState>
    );
  }
  return <ErrorState error={error} title="Could not load this set" onRetry={onRetry} />;
}
