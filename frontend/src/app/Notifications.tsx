import { dismissNotification, useNotifications } from "./notifications";
import { ProblemView } from "./ProblemView";

/** The errors raised anywhere in the app (see queryClient.ts), stacked in a corner until dismissed. */
export function Notifications() {
  const items = useNotifications();
  if (items.length === 0) return null;
  return (
    <div className="notifications" role="region" aria-label="Errors">
      {items.map((item) => (
        <div key={item.id} className="notification" role="alert">
          <ProblemView problem={item.problem} maxErrors={5} />
          <button type="button" className="link" onClick={() => dismissNotification(item.id)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
