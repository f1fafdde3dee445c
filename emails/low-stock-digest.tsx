import { Button, Text } from "@react-email/components";
import { defineEmail } from "./define";
import { buttonStyle, EmailLayout } from "./layout";

// `total` counts every product running low; `items` lists the first of them (a first import
// can find thousands: the email names the lowest and links to the full list).
export type LowStockDigestProps = { items: { title: string; sku: string; onHand: number; threshold: number }[]; url: string; total?: number };

export default defineEmail<LowStockDigestProps>({
  subject: ({ items, total = items.length }) => (total === 1 ? `1 product is running low` : `${total} products are running low`),
  render: ({ items, url, total = items.length }) => (
    <EmailLayout preview={`${total} products running low`}>
      <Text>
        {total === 1 ? "This product is" : `${total} products are`} at or below their low-stock threshold:
      </Text>
      <Text>
        {items.map((i) => (
          <span key={i.sku}>
            {i.title} (SKU {i.sku}): {i.onHand} on hand, threshold {i.threshold}
            <br />
          </span>
        ))}
        {total > items.length ? `…and ${total - items.length} more.` : null}
      </Text>
      <Button href={url} style={buttonStyle}>
        See low-stock products
      </Button>
    </EmailLayout>
  ),
});
