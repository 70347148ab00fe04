import { Link } from "react-router-dom";
import { EmptyState } from "../components/States";
import { usePageTitle } from "../hooks/title";

export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <EmptyState title="Page not found" action={<Link to="/" className="button">Back to comparisons</Link>}>
      There is nothing at this address.
    </EmptyState>
  );
}
