/** Labels of the charts' buckets and figures; buckets are UTC hours or days. */
const hourLabel = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const dayLabel = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const monthLabel = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });

export const formatBucket = (span: "hour" | "day" | "month", iso: string) => (span === "hour" ? hourLabel : span === "day" ? dayLabel : monthLabel).format(new Date(iso));

const shortMonthLabel = new Intl.DateTimeFormat("en", { month: "short", timeZone: "UTC" });
/** A month as its axis tick: "Mar". */
export const formatMonthShort = (iso: string) => shortMonthLabel.format(new Date(iso));

const countFormat = new Intl.NumberFormat("en");
export const formatCount = (value: number) => countFormat.format(value);

/** A ratio as a percentage, or a dash when there was nothing to divide. */
export const formatRate = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(value === 1 || value === 0 ? 0 : 1)} %`);

export const formatMs = (value: number | null) => (value === null ? "—" : `${value < 10 ? Number(value.toFixed(1)) : Math.round(value)} ms`);
