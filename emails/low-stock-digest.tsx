import { Button, Text } from "@react-email/components";
import { defineEmail } from "./define";
import { buttonStyle, EmailLayout } from "./layout";

export type LowStockDigestProps = { items: { title: string; sku: string; onHand: number; threshold: number }[]; url: string };

export default defineEmail<LowStockDigestProps>({
  subject: ({ items }) => (items.length === 1 ? `1 product is running low` : `${items.length} products are running low`),
  render: ({ items, url }) => (
    <EmailLayout preview={`${items.length} products running low`}>
      <Text>
        {items.length === 1 ? "This product is" : `${items.length} products are`} at or below their low-stock threshold:
      </Text>
      <Text>
        {items.map((i) => (
          <span key={i.sku}>
            {i.title} (SKU {i.sku}): {i.onHand} on hand, threshold {i.threshold}
            <br />
          </span>
        ))}
      </Text>
      <Button href={url} style={buttonStyle}>
        See low-stock products
      </Button>
    </EmailLayout>
  ),
});
