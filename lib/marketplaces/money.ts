// Marketplace money → integer minor units of the currency (cents, yen, fils).

const digitsCache = new Map<string, number>();

export function currencyDigits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = digitsCache.get(code);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(code, digits);
  }
  return digits;
}

/** Etsy Money: `amount` counts 1/divisor of the currency unit. */
export function etsyMoneyToMinor(money: { amount?: number; divisor?: number; currency_code?: string } | undefined): number {
  if (!money || money.amount === undefined) return 0;
  const divisor = money.divisor && money.divisor > 0 ? money.divisor : 100;
  const scale = 10 ** currencyDigits(money.currency_code ?? "USD");
  return Math.round((money.amount * scale) / divisor);
}

/** Etsy Money as the decimal that updateListingInventory takes (`price: 12.5`). */
export function etsyMoneyToDecimal(money: { amount?: number; divisor?: number } | undefined): number {
  if (!money || money.amount === undefined) return 0;
  const divisor = money.divisor && money.divisor > 0 ? money.divisor : 100;
  return money.amount / divisor;
}

/** eBay Amount: `value` is a decimal string. */
export function ebayAmountToMinor(amount: { value?: string; currency?: string } | undefined): number {
  if (!amount?.value) return 0;
  const value = Number(amount.value);
  if (!Number.isFinite(value)) return 0;
  return Math.round(value * 10 ** currencyDigits(amount.currency ?? "USD"));
}
