import { Button, Text } from "@react-email/components";
import { defineEmail } from "./define";
import { buttonStyle, EmailLayout } from "./layout";

export type LowStockProps = {
  title: string;
  sku: string;
  onHand: number;
  threshold: number;
  channels: { channel: string; quantity: number }[];
  url: string;
};

export default defineEmail<LowStockProps>({
  subject: ({ title, sku, onHand }) => `Low stock: ${title} (${sku}) has ${onHand} left`,
  render: ({ title, sku, onHand, threshold, channels, url }) => (
    <EmailLayout preview={`${title} is down to ${onHand}`}>
      <Text>
        <strong>{title}</strong> (SKU {sku}) is at or below its low-stock threshold of {threshold}: {onHand} on hand.
      </Text>
      {channels.length > 0 ? (
        <Text>
          Showing on your channels:
          {channels.map((c) => (
            <span key={c.channel}>
              <br />
              {c.channel}: {c.quantity}
            </span>
          ))}
        </Text>
      ) : (
        <Text>This product is not listed on any connected channel.</Text>
      )}
      <Button href={url} style={buttonStyle}>
        Open the product
      </Button>
      <Text>You will not get another email for this product until it goes back above {threshold} and falls again.</Text>
    </EmailLayout>
  ),
});
