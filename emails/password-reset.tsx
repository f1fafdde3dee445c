import { Button, Text } from "@react-email/components";
import { defineEmail } from "./define";
import { buttonStyle, EmailLayout } from "./layout";

export default defineEmail<{ name: string | null; url: string }>({
  subject: () => "Reset your Stockroom password",
  render: ({ name, url }) => (
    <EmailLayout preview="Reset your Stockroom password">
      <Text>Hello{name ? ` ${name}` : ""},</Text>
      <Text>Someone (hopefully you) asked to reset the password of your Stockroom account. The link works once, for one hour.</Text>
      <Button href={url} style={buttonStyle}>
        Choose a new password
      </Button>
      <Text>Or paste this link into your browser: {url}</Text>
      <Text>If you did not ask for this, ignore this email: your password stays as it is.</Text>
    </EmailLayout>
  ),
});
