import { Suspense } from "react";
import { NavLink, Outlet } from "react-router-dom";
import type { NavItem } from "./features";
import { Notifications } from "./Notifications";
import { TokenForm } from "./TokenForm";

/** The page frame: left nav, the routed page (loaded lazily), error notifications. */
export function Layout({ nav }: { nav: NavItem[] }) {
  return (
    <div className="layout">
      <aside className="sidebar">
        <div className="brand">tunix-rt</div>
        <nav aria-label="Main">
          {nav.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.end}>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="sidebar-foot">
          <a href="/api/docs">API docs</a>
          <TokenForm />
        </div>
      </aside>
      <main className="content">
        {/* Pages load on first visit (lazyPage): the frame stays while the page's chunk arrives. */}
        <Suspense fallback={<p className="muted" role="status">Loading page…</p>}>
          <Outlet />
        </Suspense>
      </main>
      <Notifications />
    </div>
  );
}
