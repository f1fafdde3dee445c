// Every GraphQL operation Stockroom sends to Shopify, and nothing else: `npm run gen:shopify`
// types them from the official schema (schemas/shopify) into
// lib/marketplaces/generated/shopify-admin-2026-04.ts, and the contract tests validate them.
//
// Page sizes keep each query under Shopify's single-query limit of 1,000 cost points and
// make the most of the 2,000-point bucket (a connection costs 2 + page size x node cost; the
// sandbox counts a sized list like refunds(first:) whole too): products 30 x 5 variants
// (692), orders 10 with 8 lines, 3 refunds and 3 fulfillment orders (952). A product or an
// order with more is completed by a second query (ProductVariantsPage 502, OrderComplete 931).

export const SHOP_IDENTITY = /* GraphQL */ `
  query ShopIdentity {
    shop {
      id
      name
      email
      myshopifyDomain
      currencyCode
    }
  }
`;

/** `location` without an id is the shop's primary location (Location.isPrimary is deprecated in 2026-04). */
export const PRIMARY_LOCATION = /* GraphQL */ `
  query PrimaryLocation {
    location {
      id
      name
      isActive
    }
  }
`;

export const LOCATIONS = /* GraphQL */ `
  query Locations($first: Int!, $after: String) {
    locations(first: $first, after: $after) {
      nodes {
        id
        name
        isActive
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const VARIANT_STOCK = /* GraphQL */ `
  fragment VariantStock on ProductVariant {
    id
    title
    sku
    inventoryItem {
      id
      tracked
      inventoryLevel(locationId: $locationId) {
        quantities(names: ["available"]) {
          name
          quantity
        }
      }
    }
  }
`;

export const PRODUCTS_PAGE = /* GraphQL */ `
  query ProductsPage($first: Int!, $after: String, $variants: Int!, $locationId: ID!) {
    products(first: $first, after: $after, sortKey: ID) {
      nodes {
        id
        title
        handle
        status
        onlineStoreUrl
        variants(first: $variants) {
          nodes {
            ...VariantStock
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${VARIANT_STOCK}
`;

/**
 * One inventory item at the managed location, with its variant and product: what an
 * inventory_levels/update webhook needs read to be judged (cost 5), not the store's listings.
 */
export const INVENTORY_ITEM_STOCK = /* GraphQL */ `
  query InventoryItemStock($id: ID!, $locationId: ID!) {
    inventoryItem(id: $id) {
      variant {
        ...VariantStock
        product {
          id
          title
          status
          onlineStoreUrl
        }
      }
    }
  }
  ${VARIANT_STOCK}
`;

export const PRODUCT_VARIANTS_PAGE = /* GraphQL */ `
  query ProductVariantsPage($id: ID!, $first: Int!, $after: String, $locationId: ID!) {
    product(id: $id) {
      variants(first: $first, after: $after) {
        nodes {
          ...VariantStock
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${VARIANT_STOCK}
`;

/** What a push reads right before it writes: available at the managed location, per inventory item. */
export const INVENTORY_AVAILABLE = /* GraphQL */ `
  query InventoryAvailable($ids: [ID!]!, $locationId: ID!) {
    nodes(ids: $ids) {
      ... on InventoryItem {
        id
        tracked
        inventoryLevel(locationId: $locationId) {
          quantities(names: ["available"]) {
            name
            quantity
          }
        }
      }
    }
  }
`;

/** Disconnecting in Stockroom removes the app from the store (its token stops working; Shopify sends app/uninstalled). */
export const APP_UNINSTALL = /* GraphQL */ `
  mutation AppUninstall {
    appUninstall {
      app {
        id
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;

/** Compare-and-set (2026-04): each quantity carries changeFromQuantity; the key makes a resend harmless. */
export const SET_AVAILABLE = /* GraphQL */ `
  mutation SetAvailable($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
    inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
      inventoryAdjustmentGroup {
        id
        changes {
          name
          delta
          quantityAfterChange
          item {
            id
          }
          location {
            id
          }
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;

// fulfillmentOrders: the locations Shopify took the order's stock from (order routing assigns
// each fulfillment order one; displayable hides those closed by a move). Cost 11 an order.
const ORDER_FIELDS = /* GraphQL */ `
  fragment OrderFields on Order {
    id
    name
    createdAt
    updatedAt
    cancelledAt
    displayFinancialStatus
    currencyCode
    totalPriceSet {
      shopMoney {
        amount
        currencyCode
      }
    }
    fulfillmentOrders(first: 3, displayable: true) {
      nodes {
        assignedLocation {
          location {
            id
          }
        }
      }
    }
  }
`;

/** What the app reads of an order line, in a page of orders and in one order alike. */
const ORDER_LINE = /* GraphQL */ `
  fragment OrderLine on LineItem {
    id
    sku
    title
    variantTitle
    quantity
    originalUnitPriceSet {
      shopMoney {
        amount
        currencyCode
      }
    }
    variant {
      id
    }
    product {
      id
    }
  }
`;

export const ORDERS_PAGE = /* GraphQL */ `
  query OrdersPage($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        ...OrderFields
        lineItems(first: 8) {
          nodes {
            ...OrderLine
          }
          pageInfo {
            hasNextPage
          }
        }
        refunds(first: 3) {
          createdAt
          refundLineItems(first: 5) {
            nodes {
              quantity
              restockType
              lineItem {
                id
              }
            }
            pageInfo {
              hasNextPage
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${ORDER_FIELDS}
  ${ORDER_LINE}
`;

/** One order with up to 100 lines and 5 refunds of 40 lines: a webhook names it, or a page cut it short. */
export const ORDER_COMPLETE = /* GraphQL */ `
  query OrderComplete($id: ID!) {
    order(id: $id) {
      ...OrderFields
      lineItems(first: 100) {
        nodes {
          ...OrderLine
        }
        pageInfo {
          hasNextPage
        }
      }
      refunds(first: 5) {
        createdAt
        refundLineItems(first: 40) {
          nodes {
            quantity
            restockType
            lineItem {
              id
            }
          }
          pageInfo {
            hasNextPage
          }
        }
      }
    }
  }
  ${ORDER_FIELDS}
  ${ORDER_LINE}
`;
