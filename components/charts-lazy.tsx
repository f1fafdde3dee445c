"use client";
import dynamic from "next/dynamic";

// recharts is the heaviest client dependency: load it after the page, keep its space reserved.
export const StockChartLazy = dynamic(() => import("@/components/products/StockChart").then((m) => m.StockChart), {
  ssr: false,
  loading: () => <div className="h-60" aria-hidden />,
});
export const SalesChartsLazy = dynamic(() => import("@/components/sales/SalesCharts").then((m) => m.SalesCharts), {
  ssr: false,
  loading: () => <div className="h-64" aria-hidden />,
});
