export { adapterFor, marketplaceDescriptor, MARKETPLACE_DESCRIPTORS, type MarketplaceDescriptor } from "./registry";
