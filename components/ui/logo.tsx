const markSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#4f46e5"/><path d="M9 12h14M9 20h14" stroke="#fff" stroke-width="3" stroke-linecap="round"/><circle cx="13" cy="12" r="3" fill="#fff"/><circle cx="19" cy="20" r="3" fill="#fff"/></svg>`;

/** The Switchboard mark as a data URL: the favicon and the logo share it. */
export const logoMarkUrl = `data:image/svg+xml,${encodeURIComponent(markSvg)}`;

export function Logo({ tone = "dark" }: { tone?: "dark" | "light" }) {
  return (
    <span className="flex items-center gap-2.5">
      {/* A data URL needs no image optimisation, so a plain img is right here. */}
      <img src={logoMarkUrl} alt="" width={28} height={28} className="size-7" />
      <span className={`text-[15px] font-semibold tracking-tight ${tone === "light" ? "text-white" : "text-slate-900"}`}>Switchboard</span>
    </span>
  );
}
