"use client";

import { Area, AreaChart, ResponsiveContainer, Tooltip } from "recharts";

/** A small trend chart without axes; the tooltip names each point. */
export function Sparkline({ points, label, color = "#6366f1", format }: { points: { label: string; value: number | null }[]; label: string; color?: string; format: (value: number | null) => string }) {
  return (
    <div className="h-12" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={points} margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
          <Tooltip
            cursor={false}
            formatter={(value) => format(typeof value === "number" ? value : null)}
            labelFormatter={(_, payload) => String(payload[0]?.payload?.label ?? "")}
            contentStyle={{ fontSize: 12, borderRadius: 8 }}
          />
          <Area type="monotone" dataKey="value" name={label} stroke={color} fill={color} fillOpacity={0.15} strokeWidth={1.5} isAnimationActive={false} connectNulls />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
