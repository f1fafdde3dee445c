import type { EmailTemplate } from "./define";
import accountLocked from "./account-locked";
import invitation from "./invitation";
import connectionNeedsReconnect from "./connection-needs-reconnect";
import lowStock from "./low-stock";
import lowStockDigest from "./low-stock-digest";
import ordersSummary from "./orders-summary";
import passwordReset from "./password-reset";
import verifyEmail from "./verify-email";

// Every email Stockroom sends. Adding one: a file next to this one + one line here.
export const emailTemplates = {
  "password-reset": passwordReset,
  "account-locked": accountLocked,
  "verify-email": verifyEmail,
  invitation,
  "connection-needs-reconnect": connectionNeedsReconnect,
  "low-stock": lowStock,
  "low-stock-digest": lowStockDigest,
  "orders-summary": ordersSummary,
};

export type TemplateName = keyof typeof emailTemplates;
export type TemplateProps<K extends TemplateName> = (typeof emailTemplates)[K] extends EmailTemplate<infer P> ? P : never;
export { defineEmail, type EmailTemplate } from "./define";
