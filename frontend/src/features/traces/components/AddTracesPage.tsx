import { ImportForm } from "./ImportForm";
import { SynthForm } from "./SynthForm";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";

export function AddTracesPage() {
  useDocumentTitle("Add traces");
  return (
    <section>
      <h1>Add traces</h1>
      <div className="grid">
        <ImportForm />
        <SynthForm />
      </div>
    </section>
  );
}
