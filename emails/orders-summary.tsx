import { Button, Text } from "@react-email/components";
import { defineEmail } from "./define";
import { buttonStyle, EmailLayout } from "./layout";

export type OrdersSummaryProps = { day: string; channels: { channel: string; orders: number; totalMinor: number; currency: string }[]; url: string };

const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

export default defineEmail<OrdersSummaryProps>({
  subject: ({ day, channels }) => `New orders on ${day}: ${channels.reduce((n, c) => n + c.orders, 0)}`,
  render: ({ day, channels, url }) => (
    <EmailLayout preview={`Your orders for ${day}`}>
      {channels.length === 0 ? (
        <Text>No new orders in the last 24 hours.</Text>
      ) : (
        <Text>
          New orders in the 24 hours before {day}:
          {channels.map((c) => (
            <span key={c.channel}>
              <br />
              {c.channel}: {c.orders} orders, {money(c.totalMinor, c.currency)}
            </span>
          ))}
        </Text>
      )}
      <Button href={url} style={buttonStyle}>
        Open sales
      </Button>
    </EmailLayout>
  ),
});
