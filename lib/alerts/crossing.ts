// When a product's stock crosses its low-stock threshold. Pure; table-tested.

export function lowStockThreshold(productThreshold: number | null, orgThreshold: number | undefined, envDefault: number): number {
  return productThreshold ?? orgThreshold ?? envDefault;
}

export type AlertTransition = "open" | "resolve" | "none";

/** At or below the threshold opens one alert; back above resolves it, so the next fall alerts again. */
export function alertTransition(onHand: number, threshold: number, hasOpenAlert: boolean): AlertTransition {
  const low = onHand <= threshold;
  if (low && !hasOpenAlert) return "open";
  if (!low && hasOpenAlert) return "resolve";
  return "none";
}
