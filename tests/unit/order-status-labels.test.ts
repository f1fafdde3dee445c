import { describe, expect, it } from "vitest";
import { orderStatusLabel } from "@/lib/sales/status-labels";

describe("order status in the seller's words", () => {
  it.each([
    ["NOT_STARTED", "Not shipped yet"],
    ["IN_PROGRESS", "Partly shipped"],
    ["FULFILLED", "Shipped"],
    ["CANCELLED", "Cancelled"],
    ["paid", "Paid, not shipped yet"],
    ["completed", "Shipped"],
    ["canceled", "Cancelled"],
    ["Fully Refunded", "Refunded"],
    ["SOME_NEW_STATE", "Some new state"],
  ])("%s -> %s", (status, label) => expect(orderStatusLabel(status)).toBe(label));
});
