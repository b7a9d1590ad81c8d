interface Props {
  ok: boolean;
  flags: string[];
}

/** "ok", or one badge per quality flag. */
export function QualityBadges({ ok, flags }: Props) {
  if (ok) return <span className="badge ok">ok</span>;
  return (
    <span className="badges">
      {flags.map((flag) => (
        <span key={flag} className="badge bad">
          {flag.replaceAll("_", " ")}
        </span>
      ))}
    </span>
  );
}
