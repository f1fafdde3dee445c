// Entry points other areas call to wake the sync engine. The sync engine (issue 6)
// wires these to Inngest events, or to the in-process driver in the embedded default.

/** Stock of these products changed (manual edit, CSV import): push to channels soon. */
export async function onStockChanged(_orgId: string, _productIds: string[]): Promise<void> {}

/** A seller pressed "Sync now" or a connection was just created. */
export async function requestSync(_connectionId: string, _reason: "manual" | "connected" | "webhook" | "admin"): Promise<void> {}
