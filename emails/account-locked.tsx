import { Button, Text } from "@react-email/components";
import { defineEmail } from "./define";
import { buttonStyle, EmailLayout } from "./layout";

export default defineEmail<{ name: string | null; ip: string | null; minutes: number; resetUrl: string }>({
  subject: () => "Sign-ins to your Stockroom account were paused",
  render: ({ name, ip, minutes, resetUrl }) => (
    <EmailLayout preview="Too many wrong passwords: sign-ins were paused">
      <Text>Hello{name ? ` ${name}` : ""},</Text>
      <Text>
        Someone entered a wrong password for your Stockroom account too many times{ip ? ` (from the address ${ip})` : ""}, so we paused sign-ins
        {ip ? " from there" : ""} for up to {minutes} minutes. Your password was not revealed and nothing in your account changed.
      </Text>
      <Text>If that was you, wait and try again, or choose a new password. If it was not you, choosing a new password is a good idea.</Text>
      <Button href={resetUrl} style={buttonStyle}>
        Reset your password
      </Button>
    </EmailLayout>
  ),
});
