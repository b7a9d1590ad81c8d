import { ImportForm } from "./ImportForm";
import { SynthForm } from "./SynthForm";

export function AddTracesPage() {
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
