import { getTableName, sql, type Column, type SQL } from "drizzle-orm";

export const PAGE_SIZE = 50;

export type Page<T> = { rows: T[]; total: number; page: number; pageCount: number; pageSize: number };

export function offsetFor(page: number, pageSize = PAGE_SIZE): number {
  return (Math.max(1, page) - 1) * pageSize;
}

export function toPage<T>(rows: T[], total: number, page: number, pageSize = PAGE_SIZE): Page<T> {
  return { rows, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** A LIKE pattern that matches `q` literally anywhere: %, _ and \ typed by a person are not wildcards. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A column reference that stays qualified ("organizations"."id") inside a correlated
 * subquery; Drizzle prints columns bare in single-table selects, and a bare "id" would
 * resolve to the subquery's own table.
 */
export function outer(column: Column): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}
