import { useNavigate } from "react-router-dom";
import { MultiUrlInputForm } from "../components/MultiUrlInputForm";
import { useCreateBatch, useModes } from "../hooks/queries";
import { usePageTitle } from "../hooks/title";

export function NewComparisonPage() {
  usePageTitle("New comparison");
  const navigate = useNavigate();
  const create = useCreateBatch();
  const modes = useModes();
  return (
    <div className="stack narrow">
      <div className="page-head">
        <div>
          <h1>New comparison</h1>
          <p className="muted">Each site is fetched and audited under identical conditions, then compared side by side.</p>
        </div>
      </div>
      <section className="panel">
        <MultiUrlInputForm
          modes={modes.data?.modes ?? ["static"]}
          defaultMode={modes.data?.default}
          withLabels
          withCrawl
          onSubmit={async (body) => {
            const batch = await create.mutateAsync(body);
            navigate(`/batches/${batch.id}`);
          }}
        />
      </section>
    </div>
  );
}
