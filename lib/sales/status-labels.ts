// Order statuses as the marketplaces send them (Etsy receipt status, eBay orderFulfillmentStatus),
// in the words a seller uses. Unknown values are shown as sent, tidied, rather than hidden.
const LABELS: Record<string, string> = {
  // eBay
  not_started: "Not shipped yet",
  in_progress: "Partly shipped",
  fulfilled: "Shipped",
  cancelled: "Cancelled",
  // Etsy
  open: "Not paid yet",
  "payment processing": "Payment processing",
  paid: "Paid, not shipped yet",
  completed: "Shipped",
  canceled: "Cancelled",
  "fully refunded": "Refunded",
  "partially refunded": "Partly refunded",
};

export function orderStatusLabel(status: string): string {
  const key = status.trim().toLowerCase();
  const known = LABELS[key];
  if (known) return known;
  const words = key.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
