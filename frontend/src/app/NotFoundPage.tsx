import { Link, useLocation } from "react-router-dom";

export function NotFoundPage() {
  const location = useLocation();
  return (
    <section>
      <h1>Not found</h1>
      <p>
        Nothing lives at <code>{location.pathname}</code>. <Link to="/">Back to the overview</Link>.
      </p>
    </section>
  );
}
