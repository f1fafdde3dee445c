import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "./password";
import { isTimeZone } from "@/lib/format/date-time";

// One schema per form, shared by the form's action, the lib function and the tests.

export const emailField = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address, like you@example.com."));
export const newPasswordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, "Use at most 200 characters.");
export const personName = z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters.");
export const orgName = z.string().trim().min(1, "Enter your organization's name.").max(100, "Use at most 100 characters.");

// The browser's own zone, sent by the sign-up form; anything unknown falls back to UTC (Settings can change it).
const browserTimeZone = z
  .string()
  .optional()
  .transform((tz) => (tz && isTimeZone(tz) ? tz : undefined));
export const signUpSchema = z.object({ name: personName, email: emailField, password: newPasswordField, organization: orgName, timezone: browserTimeZone });
export type SignUpInput = Omit<z.infer<typeof signUpSchema>, "timezone"> & { timezone?: string };
/** Someone signing up to accept an invitation joins that organization instead of creating one. */
export const inviteeSignUpSchema = signUpSchema.omit({ organization: true, timezone: true });
export type InviteeSignUpInput = z.infer<typeof inviteeSignUpSchema>;

export const signInSchema = z.object({ email: emailField, password: z.string().min(1, "Enter your password.") });
export type SignInInput = z.infer<typeof signInSchema>;

export const forgotPasswordSchema = z.object({ email: emailField });
export const resetPasswordSchema = z.object({ token: z.string().min(1), password: newPasswordField });
export const createOrganizationSchema = z.object({ name: orgName });
export const inviteSchema = z.object({ email: emailField, role: z.enum(["owner", "manager", "viewer"], "Choose a role.") });
export const memberRoleSchema = z.object({ membershipId: z.uuid("Choose a member."), role: z.enum(["owner", "manager", "viewer"], "Choose a role.") });
export const membershipIdSchema = z.object({ membershipId: z.uuid("Choose a member.") });
export const invitationIdSchema = z.object({ invitationId: z.uuid("Choose an invitation.") });
