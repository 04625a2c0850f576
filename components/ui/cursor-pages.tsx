"use client";

import { useState } from "react";
import { Button } from "./button";

/**
 * Pages of a list read by cursor (the last key of the page before): remembers the cursors
 * of the pages behind, so "previous" needs no backward query.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<string[]>([""]);
  return {
    cursor: cursors.at(-1)!,
    hasPrevious: cursors.length > 1,
    next: (cursor: string) => setCursors((current) => [...current, cursor]),
    previous: () => setCursors((current) => current.slice(0, -1)),
    /** Back to the first page, when the filters change. */
    reset: () => setCursors([""]),
  };
}

export function CursorPager({ pages, nextCursor, labels = ["Previous", "Next"] }: { pages: ReturnType<typeof useCursorPages>; nextCursor: string | null; labels?: [string, string] }) {
  return (
    <div className="flex justify-end gap-2 border-t border-slate-100 px-6 py-3">
      <Button size="sm" variant="secondary" disabled={!pages.hasPrevious} onClick={pages.previous}>
        {labels[0]}
      </Button>
      <Button size="sm" variant="secondary" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        {labels[1]}
      </Button>
    </div>
  );
}
