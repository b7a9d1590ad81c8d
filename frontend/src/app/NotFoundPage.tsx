import { Link, useLocation } from "react-router-dom";
import { useDocumentTitle } from "../hooks/useDocumentTitle";

export function NotFoundPage() {
  const location = useLocation();
  useDocumentTitle("Not found");
  return (
    <section>
      <h1>Not found</h1>
      <p>
        Nothing lives at <code>{location.pathname}</code>. <Link to="/">Back to the overview</Link>.
      </p>
    </section>
  );
}
