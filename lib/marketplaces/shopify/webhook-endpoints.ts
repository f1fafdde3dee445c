import type { WebhookEndpoints } from "../descriptor";

// POST /api/webhooks/shopify: not served yet (issue 18, step 3 of the wiring).
export const shopifyWebhooks: WebhookEndpoints = {};
