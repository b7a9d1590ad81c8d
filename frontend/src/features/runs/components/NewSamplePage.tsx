import { Link, useNavigate } from "react-router-dom";
import { YamlConfigForm } from "../../../app/YamlConfigForm";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { EXAMPLE_SAMPLE } from "../api/sampleConfig";
import { useSubmitRun } from "../hooks/useRunMutations";

/** Queue a sample run (a model writes traces) from its YAML config. */
export function NewSamplePage() {
  useDocumentTitle("New sample run");
  const submit = useSubmitRun();
  const navigate = useNavigate();
  return (
    <section>
      <div className="page-head">
        <h1>New sample run</h1>
        <Link to="/runs">All runs</Link>
      </div>
      <p className="muted small">
        A local model or any OpenAI-compatible endpoint answers every prompt k times; the answers are verified and kept as traces by the
        policy, with their provenance. API keys are named (<code>api_key_env</code>), never written here.
      </p>
      <YamlConfigForm
        what="Sample config"
        example={EXAMPLE_SAMPLE}
        submitLabel="Start sampling"
        tagsPlaceholder="teacher"
        rows={14}
        submission={{
          submit: (config, tags) =>
            submit.mutate({ kind: "sample", config, tags }, { onSuccess: (run) => navigate(`/runs/${run.id}`) }),
          isPending: submit.isPending,
          error: submit.error,
        }}
      />
    </section>
  );
}
