export { AccountAddressNeeded, callbackUrl, completeConnection, startConnection, type CallbackOutcome } from "./connect";
export { deleteEbayUserData, ebayChallengeResponse, ebayNoticeTopic, ebayWebhookUrl, parseDeletionNotice, SignatureRejected, verifyEbayNotice, verifyEbaySignature } from "./ebay-account-deletion";
export { disconnectConnection, listConnections, requestConnectionSync, type ConnectionStatusBadge, type ConnectionSummary } from "./manage";
export { safeReturnPath } from "./oauth-state";
export { markNeedsReconnect, refreshConnectionToken, sessionFor } from "./tokens";
export { chooseEbayZeroStock, ebayZeroStockInput, type EbayZeroStockInput } from "./ebay-stock-policy";
export { connectionImportSummary } from "./import-summary";
export { channelLocationInput, chooseChannelLocation, rereadChannelLocations, storeChannelLocations, type ChannelLocation, type ChannelLocationInput } from "./location";
