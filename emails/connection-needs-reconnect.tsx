import { Button, Text } from "@react-email/components";
import { defineEmail } from "./define";
import { buttonStyle, EmailLayout } from "./layout";

export default defineEmail<{ shopName: string; marketplace: string; reason: string; url: string }>({
  subject: ({ shopName, marketplace }) => `Reconnect ${shopName} (${marketplace}) to keep your stock in sync`,
  render: ({ shopName, marketplace, reason, url }) => (
    <EmailLayout preview={`${shopName} needs reconnecting`}>
      <Text>
        {marketplace} stopped accepting Stockroom&apos;s connection to <strong>{shopName}</strong>, so we paused syncing its orders and stock.
      </Text>
      <Text>{reason}</Text>
      <Text>This happens when the shop&apos;s password changes or access is removed on {marketplace}. Reconnecting takes a minute and keeps all your history.</Text>
      <Button href={url} style={buttonStyle}>
        Reconnect {shopName}
      </Button>
    </EmailLayout>
  ),
});
