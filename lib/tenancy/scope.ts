import { eq, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { OrgContext } from "./context";

export type TenantTable = PgTable & { orgId: PgColumn };

/** The filter every tenant read and write carries: `.where(and(tenantWhere(ctx, products), ...))`. */
export function tenantWhere(ctx: Pick<OrgContext, "orgId">, table: TenantTable): SQL {
  return eq(table.orgId, ctx.orgId);
}
