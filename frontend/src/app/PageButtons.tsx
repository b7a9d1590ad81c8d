interface Props {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  /** What is paged, for the accessible names ("items"). */
  label: string;
}

/** Previous / next for a list paged in memory, with where you are. */
export function PageButtons({ page, pages, onPage, label }: Props) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={`Pages of ${label}`}>
      <button type="button" className="secondary" disabled={page === 0} onClick={() => onPage(page - 1)}>
        ← Previous
      </button>
      <span className="muted small">
        page {page + 1} of {pages}
      </span>
      <button type="button" className="secondary" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        Next →
      </button>
    </nav>
  );
}
