import { Button, Text } from "@react-email/components";
import { defineEmail } from "./define";
import { buttonStyle, EmailLayout } from "./layout";

export default defineEmail<{ name: string | null; url: string }>({
  subject: () => "Confirm your email address for Stockroom",
  render: ({ name, url }) => (
    <EmailLayout preview="Confirm your email address">
      <Text>Hello{name ? ` ${name}` : ""},</Text>
      <Text>Welcome to Stockroom. Confirm that this address is yours, so we know where to send stock alerts and password resets. The link works for 48 hours.</Text>
      <Button href={url} style={buttonStyle}>
        Confirm my email address
      </Button>
      <Text>Or paste this link into your browser: {url}</Text>
      <Text>If you did not create a Stockroom account, ignore this email.</Text>
    </EmailLayout>
  ),
});
