import { Link } from "react-router-dom";
import { EmptyState } from "../components/States";

export function NotFoundPage() {
  return (
    <EmptyState title="Page not found" action={<Link to="/" className="button">Back to comparisons</Link>}>
      There is nothing at this address.
    </EmptyState>
  );
}
