import { Button, Text } from "@react-email/components";
import { defineEmail } from "./define";
import { buttonStyle, EmailLayout } from "./layout";

export default defineEmail<{ orgName: string; inviterName: string | null; role: string; url: string }>({
  subject: ({ orgName }) => `You're invited to join ${orgName} on Stockroom`,
  render: ({ orgName, inviterName, role, url }) => (
    <EmailLayout preview={`Join ${orgName} on Stockroom`}>
      <Text>
        {inviterName ?? "An owner"} invited you to join <strong>{orgName}</strong> on Stockroom as {role}.
      </Text>
      <Button href={url} style={buttonStyle}>
        Accept the invitation
      </Button>
      <Text>Or paste this link into your browser: {url}</Text>
      <Text>The invitation expires in 7 days.</Text>
    </EmailLayout>
  ),
});
