import { Link, useNavigate } from "react-router-dom";
import { YamlConfigForm } from "../../../app/YamlConfigForm";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { EXAMPLE_SWEEP } from "../api/sweepConfig";
import { useCreateSweep } from "../hooks/useSweepMutations";

/** Queue a sweep from its YAML config (prefilled with a tiny-preset example). */
export function NewSweepPage() {
  useDocumentTitle("New sweep");
  const create = useCreateSweep();
  const navigate = useNavigate();
  return (
    <section>
      <div className="page-head">
        <h1>New sweep</h1>
        <Link to="/sweeps">All sweeps</Link>
      </div>
      <p className="muted small">
        A base training config, the space searched over its dotted keys, the objective (a scorecard metric of each trial's evaluation), the
        search and scheduler, and the budget. Each trial is a training run and an evaluation of it.
      </p>
      <YamlConfigForm
        what="Sweep config"
        example={EXAMPLE_SWEEP}
        submitLabel="Start sweep"
        tagsPlaceholder="lr-search"
        rows={26}
        submission={{
          submit: (config, tags) => create.mutate({ config, tags }, { onSuccess: (sweep) => navigate(`/sweeps/${sweep.run.id}`) }),
          isPending: create.isPending,
          error: create.error,
        }}
      />
    </section>
  );
}
