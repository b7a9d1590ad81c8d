import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { YamlConfigForm } from "../../../app/YamlConfigForm";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { exampleLoop } from "../api/loopConfig";
import { useCreateLoop } from "../hooks/useCreateLoop";

/** Queue a self-improvement loop from its YAML config (the starting run from ?start= when given). */
export function NewLoopPage() {
  useDocumentTitle("New loop");
  const [params] = useSearchParams();
  const create = useCreateLoop();
  const navigate = useNavigate();
  return (
    <section>
      <div className="page-head">
        <h1>New loop</h1>
        <Link to="/loops">All loops</Link>
      </div>
      <p className="muted small">
        Each round samples the current model on the training prompts, keeps the verified answers as traces, fine-tunes the current model on
        them and evaluates it on the held-out eval set; every step is an ordinary run, linked from the loop's page.
      </p>
      <YamlConfigForm
        what="Loop config"
        example={exampleLoop(params.get("start"))}
        submitLabel="Start loop"
        tagsPlaceholder="star"
        rows={14}
        submission={{
          submit: (config, tags) => create.mutate({ config, tags }, { onSuccess: (loop) => navigate(`/loops/${loop.run.id}`) }),
          isPending: create.isPending,
          error: create.error,
        }}
      />
    </section>
  );
}
