import { PushBadge } from "@/components/ui/badges";
import type { ChannelCell, ConnectionColumn } from "@/lib/inventory/queries";
import { quantityWithRule, ruleInForce } from "@/lib/inventory/rule-label";

/** A channel item's quantity with the rule that shapes it ("8 (max 8)") and its push state. */
export function ChannelQuantity({ cell, connection }: { cell: ChannelCell; connection: ConnectionColumn }) {
  const rule = ruleInForce({ kind: connection.rule, value: connection.ruleValue }, { kind: cell.rule, value: cell.ruleValue });
  return (
    <>
      <span className="tabular-nums" aria-label="Quantity on the channel">
        {quantityWithRule(cell.quantity, rule)}
      </span>
      <PushBadge status={cell.pushStatus} error={cell.pushError} />
    </>
  );
}
