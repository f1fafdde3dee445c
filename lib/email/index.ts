export { deliverEmailsSoon, deliverPendingEmails, listMailbox, type DeliveryReport } from "./deliver";
export { enqueueEmail, renderEmail, type EnqueueInput } from "./outbox";
export { MAX_ATTEMPTS, retryDelayMs } from "./backoff";
