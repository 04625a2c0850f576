/** Grey bars standing in for rows while they load. */
export function SkeletonRows({ rows = 5, label }: { rows?: number; label: string }) {
  return (
    <div aria-busy="true" aria-label={label} className="animate-pulse space-y-3 p-6">
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="h-4 rounded bg-slate-200" style={{ width: `${90 - ((index * 13) % 40)}%` }} />
      ))}
    </div>
  );
}
