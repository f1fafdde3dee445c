import type { Marketplace } from "@/db/schema/marketplace-ids";
import type { ConnectionColumn, ProductRow } from "@/lib/inventory/queries";

// What the JSON route handlers send: Dates arrive as ISO strings.
export type ProductRowJson = Omit<ProductRow, "updatedAt"> & {
  updatedAt: string;
};
export type InventoryResponse = {
  rows: ProductRowJson[];
  total: number;
  totalIsCapped: boolean;
  page: number;
  pageSize: number;
  nextCursor: string | null;
  connections: ConnectionColumn[];
  importing: {
    connectionId: string;
    shopName: string;
    marketplace: Marketplace;
    done: number;
    total: number | null;
  }[];
};
export type StockChange = { set?: number; delta?: number; reason?: string };
