import { Link, useNavigate, useParams } from "react-router-dom";
import { SetForm } from "../components/SetForm";
import { SetUnavailable } from "../components/SetUnavailable";
import { Loading } from "../components/States";
import { useModes } from "../hooks/queries";
import { useCreateSet, useSet, useUpdateSet } from "../hooks/sets";

export function NewSetPage() {
  const navigate = useNavigate();
  const create = useCreateSet();
  const modes = useModes();
  return (
    <div className="stack narrow">
      <div className="page-head">
        <div>
          <p className="crumbs">
            <Link to="/sets">Sets</Link> /
          </p>
          <h1>New comparison set</h1>
          <p className="muted">Your site and its competitors under one name, run as often as you like; each run is compared with the one before.</p>
        </div>
      </div>
      <section className="panel">
        <SetForm
          modes={modes.data?.modes ?? ["static"]}
          defaultMode={modes.data?.default}
          submitLabel="Create set"
          onSubmit={async (body) => {
            const created = await create.mutateAsync(body);
            navigate(`/sets/${created.id}`);
          }}
        />
      </section>
    </div>
  );
}

export function EditSetPage() {
  const { setId = "" } = useParams();
  const navigate = useNavigate();
  const set = useSet(setId);
  const update = useUpdateSet(setId);
  const modes = useModes();

  if (set.isPending) return <Loading label="Loading the set…" />;
  if (!set.data) return <SetUnavailable error={set.error} onRetry={() => void set.refetch()} />;
  const current = set.data;
  return (
    <div className="stack narrow">
      <div className="page-head">
        <div>
          <p className="crumbs">
            <Link to="/sets">Sets</Link> / <Link to={`/sets/${current.id}`}>{current.name}</Link> /
          </p>
          <h1>Edit {current.name}</h1>
          <p className="muted">Changes apply to the next runs; earlier runs keep the sites they had.</p>
        </div>
      </div>
      <section className="panel">
        <SetForm
          key={current.id}
          initial={current}
          modes={modes.data?.modes ?? ["static"]}
          submitLabel="Save changes"
          onSubmit={async (body) => {
            await update.mutateAsync({ ...body, schedule: body.schedule ?? null });
            navigate(`/sets/${current.id}`);
          }}
        />
      </section>
    </div>
  );
}
