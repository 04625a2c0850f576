import type { Metadata } from "next";
import type { ReactNode } from "react";
import { logoMarkUrl } from "@/components/ui/logo";
import "./globals.css";

export const metadata: Metadata = {
  title: { template: "%s · Switchboard", default: "Switchboard" },
  description: "Operator console of a self-hosted Switchboard chat platform",
  icons: { icon: logoMarkUrl },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
