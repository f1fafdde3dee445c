/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** Possible error codes that can be returned by `AppUninstallAppUninstallError`. */
export type AppUninstallAppUninstallErrorCode =
  /** The app cannot be found. */
  | 'APP_NOT_FOUND'
  /** The app is not installed. */
  | 'APP_NOT_INSTALLED'
  /** An error occurred while uninstalling the app. */
  | 'APP_UNINSTALL_ERROR'
  /** User does not have sufficient permissions to uninstall this app. */
  | 'USER_PERMISSIONS_INSUFFICIENT';

/**
 * The currency codes that represent the world currencies throughout the Admin API. Currency codes include
 * [standard ISO 4217 codes](https://en.wikipedia.org/wiki/ISO_4217), legacy codes, non-standard codes,
 * digital currency codes.
 */
export type CurrencyCode =
  /** United Arab Emirates Dirham (AED). */
  | 'AED'
  /** Afghan Afghani (AFN). */
  | 'AFN'
  /** Albanian Lek (ALL). */
  | 'ALL'
  /** Armenian Dram (AMD). */
  | 'AMD'
  /** Netherlands Antillean Guilder. */
  | 'ANG'
  /** Angolan Kwanza (AOA). */
  | 'AOA'
  /** Argentine Pesos (ARS). */
  | 'ARS'
  /** Australian Dollars (AUD). */
  | 'AUD'
  /** Aruban Florin (AWG). */
  | 'AWG'
  /** Azerbaijani Manat (AZN). */
  | 'AZN'
  /** Bosnia and Herzegovina Convertible Mark (BAM). */
  | 'BAM'
  /** Barbadian Dollar (BBD). */
  | 'BBD'
  /** Bangladesh Taka (BDT). */
  | 'BDT'
  /** Bulgarian Lev (BGN). */
  | 'BGN'
  /** Bahraini Dinar (BHD). */
  | 'BHD'
  /** Burundian Franc (BIF). */
  | 'BIF'
  /** Bermudian Dollar (BMD). */
  | 'BMD'
  /** Brunei Dollar (BND). */
  | 'BND'
  /** Bolivian Boliviano (BOB). */
  | 'BOB'
  /** Brazilian Real (BRL). */
  | 'BRL'
  /** Bahamian Dollar (BSD). */
  | 'BSD'
  /** Bhutanese Ngultrum (BTN). */
  | 'BTN'
  /** Botswana Pula (BWP). */
  | 'BWP'
  /** Belarusian Ruble (BYN). */
  | 'BYN'
  /** Belarusian Ruble (BYR). */
  | 'BYR'
  /** Belize Dollar (BZD). */
  | 'BZD'
  /** Canadian Dollars (CAD). */
  | 'CAD'
  /** Congolese franc (CDF). */
  | 'CDF'
  /** Swiss Francs (CHF). */
  | 'CHF'
  /** Chilean Peso (CLP). */
  | 'CLP'
  /** Chinese Yuan Renminbi (CNY). */
  | 'CNY'
  /** Colombian Peso (COP). */
  | 'COP'
  /** Costa Rican Colones (CRC). */
  | 'CRC'
  /** Cape Verdean escudo (CVE). */
  | 'CVE'
  /** Czech Koruny (CZK). */
  | 'CZK'
  /** Djiboutian Franc (DJF). */
  | 'DJF'
  /** Danish Kroner (DKK). */
  | 'DKK'
  /** Dominican Peso (DOP). */
  | 'DOP'
  /** Algerian Dinar (DZD). */
  | 'DZD'
  /** Egyptian Pound (EGP). */
  | 'EGP'
  /** Eritrean Nakfa (ERN). */
  | 'ERN'
  /** Ethiopian Birr (ETB). */
  | 'ETB'
  /** Euro (EUR). */
  | 'EUR'
  /** Fijian Dollars (FJD). */
  | 'FJD'
  /** Falkland Islands Pounds (FKP). */
  | 'FKP'
  /** United Kingdom Pounds (GBP). */
  | 'GBP'
  /** Georgian Lari (GEL). */
  | 'GEL'
  /** Ghanaian Cedi (GHS). */
  | 'GHS'
  /** Gibraltar Pounds (GIP). */
  | 'GIP'
  /** Gambian Dalasi (GMD). */
  | 'GMD'
  /** Guinean Franc (GNF). */
  | 'GNF'
  /** Guatemalan Quetzal (GTQ). */
  | 'GTQ'
  /** Guyanese Dollar (GYD). */
  | 'GYD'
  /** Hong Kong Dollars (HKD). */
  | 'HKD'
  /** Honduran Lempira (HNL). */
  | 'HNL'
  /** Croatian Kuna (HRK). */
  | 'HRK'
  /** Haitian Gourde (HTG). */
  | 'HTG'
  /** Hungarian Forint (HUF). */
  | 'HUF'
  /** Indonesian Rupiah (IDR). */
  | 'IDR'
  /** Israeli New Shekel (NIS). */
  | 'ILS'
  /** Indian Rupees (INR). */
  | 'INR'
  /** Iraqi Dinar (IQD). */
  | 'IQD'
  /** Iranian Rial (IRR). */
  | 'IRR'
  /** Icelandic Kronur (ISK). */
  | 'ISK'
  /** Jersey Pound. */
  | 'JEP'
  /** Jamaican Dollars (JMD). */
  | 'JMD'
  /** Jordanian Dinar (JOD). */
  | 'JOD'
  /** Japanese Yen (JPY). */
  | 'JPY'
  /** Kenyan Shilling (KES). */
  | 'KES'
  /** Kyrgyzstani Som (KGS). */
  | 'KGS'
  /** Cambodian Riel. */
  | 'KHR'
  /** Kiribati Dollar (KID). */
  | 'KID'
  /** Comorian Franc (KMF). */
  | 'KMF'
  /** South Korean Won (KRW). */
  | 'KRW'
  /** Kuwaiti Dinar (KWD). */
  | 'KWD'
  /** Cayman Dollars (KYD). */
  | 'KYD'
  /** Kazakhstani Tenge (KZT). */
  | 'KZT'
  /** Laotian Kip (LAK). */
  | 'LAK'
  /** Lebanese Pounds (LBP). */
  | 'LBP'
  /** Sri Lankan Rupees (LKR). */
  | 'LKR'
  /** Liberian Dollar (LRD). */
  | 'LRD'
  /** Lesotho Loti (LSL). */
  | 'LSL'
  /** Lithuanian Litai (LTL). */
  | 'LTL'
  /** Latvian Lati (LVL). */
  | 'LVL'
  /** Libyan Dinar (LYD). */
  | 'LYD'
  /** Moroccan Dirham. */
  | 'MAD'
  /** Moldovan Leu (MDL). */
  | 'MDL'
  /** Malagasy Ariary (MGA). */
  | 'MGA'
  /** Macedonia Denar (MKD). */
  | 'MKD'
  /** Burmese Kyat (MMK). */
  | 'MMK'
  /** Mongolian Tugrik. */
  | 'MNT'
  /** Macanese Pataca (MOP). */
  | 'MOP'
  /** Mauritanian Ouguiya (MRU). */
  | 'MRU'
  /** Mauritian Rupee (MUR). */
  | 'MUR'
  /** Maldivian Rufiyaa (MVR). */
  | 'MVR'
  /** Malawian Kwacha (MWK). */
  | 'MWK'
  /** Mexican Pesos (MXN). */
  | 'MXN'
  /** Malaysian Ringgits (MYR). */
  | 'MYR'
  /** Mozambican Metical. */
  | 'MZN'
  /** Namibian Dollar. */
  | 'NAD'
  /** Nigerian Naira (NGN). */
  | 'NGN'
  /** Nicaraguan Córdoba (NIO). */
  | 'NIO'
  /** Norwegian Kroner (NOK). */
  | 'NOK'
  /** Nepalese Rupee (NPR). */
  | 'NPR'
  /** New Zealand Dollars (NZD). */
  | 'NZD'
  /** Omani Rial (OMR). */
  | 'OMR'
  /** Panamian Balboa (PAB). */
  | 'PAB'
  /** Peruvian Nuevo Sol (PEN). */
  | 'PEN'
  /** Papua New Guinean Kina (PGK). */
  | 'PGK'
  /** Philippine Peso (PHP). */
  | 'PHP'
  /** Pakistani Rupee (PKR). */
  | 'PKR'
  /** Polish Zlotych (PLN). */
  | 'PLN'
  /** Paraguayan Guarani (PYG). */
  | 'PYG'
  /** Qatari Rial (QAR). */
  | 'QAR'
  /** Romanian Lei (RON). */
  | 'RON'
  /** Serbian dinar (RSD). */
  | 'RSD'
  /** Russian Rubles (RUB). */
  | 'RUB'
  /** Rwandan Franc (RWF). */
  | 'RWF'
  /** Saudi Riyal (SAR). */
  | 'SAR'
  /** Solomon Islands Dollar (SBD). */
  | 'SBD'
  /** Seychellois Rupee (SCR). */
  | 'SCR'
  /** Sudanese Pound (SDG). */
  | 'SDG'
  /** Swedish Kronor (SEK). */
  | 'SEK'
  /** Singapore Dollars (SGD). */
  | 'SGD'
  /** Saint Helena Pounds (SHP). */
  | 'SHP'
  /** Sierra Leonean Leone (SLL). */
  | 'SLL'
  /** Somali Shilling (SOS). */
  | 'SOS'
  /** Surinamese Dollar (SRD). */
  | 'SRD'
  /** South Sudanese Pound (SSP). */
  | 'SSP'
  /** Sao Tome And Principe Dobra (STD). */
  | 'STD'
  /** Sao Tome And Principe Dobra (STN). */
  | 'STN'
  /** Syrian Pound (SYP). */
  | 'SYP'
  /** Swazi Lilangeni (SZL). */
  | 'SZL'
  /** Thai baht (THB). */
  | 'THB'
  /** Tajikistani Somoni (TJS). */
  | 'TJS'
  /** Turkmenistani Manat (TMT). */
  | 'TMT'
  /** Tunisian Dinar (TND). */
  | 'TND'
  /** Tongan Pa'anga (TOP). */
  | 'TOP'
  /** Turkish Lira (TRY). */
  | 'TRY'
  /** Trinidad and Tobago Dollars (TTD). */
  | 'TTD'
  /** Taiwan Dollars (TWD). */
  | 'TWD'
  /** Tanzanian Shilling (TZS). */
  | 'TZS'
  /** Ukrainian Hryvnia (UAH). */
  | 'UAH'
  /** Ugandan Shilling (UGX). */
  | 'UGX'
  /** United States Dollars (USD). */
  | 'USD'
  /** United States Dollars Coin (USDC). */
  | 'USDC'
  /** Uruguayan Pesos (UYU). */
  | 'UYU'
  /** Uzbekistan som (UZS). */
  | 'UZS'
  /** Venezuelan Bolivares (VED). */
  | 'VED'
  /** Venezuelan Bolivares (VEF). */
  | 'VEF'
  /** Venezuelan Bolivares Soberanos (VES). */
  | 'VES'
  /** Vietnamese đồng (VND). */
  | 'VND'
  /** Vanuatu Vatu (VUV). */
  | 'VUV'
  /** Samoan Tala (WST). */
  | 'WST'
  /** Central African CFA Franc (XAF). */
  | 'XAF'
  /** East Caribbean Dollar (XCD). */
  | 'XCD'
  /** West African CFA franc (XOF). */
  | 'XOF'
  /** CFP Franc (XPF). */
  | 'XPF'
  /** Unrecognized currency. */
  | 'XXX'
  /** Yemeni Rial (YER). */
  | 'YER'
  /** South African Rand (ZAR). */
  | 'ZAR'
  /** Zambian Kwacha (ZMW). */
  | 'ZMW';

/** The input fields for the quantity to be set for an inventory item at a location. */
export type InventoryQuantityInput = {
  /**
   * The quantity currently expected at this location, before setting the new quantity.
   *
   * This field enables a compare-and-swap (CAS) safety check. If the location’s
   * current quantity doesn't match the value you provide, then the mutation fails
   * with a `CHANGE_FROM_QUANTITY_STALE` error. This helps prevent unintended
   * overwrites when the request is based on stale inventory data.
   *
   * To skip the CAS check, pass `null`. Use this only when your system is the
   * source of truth for this inventory and you don’t need to protect against
   * concurrent updates.
   * This field is mandatory: you must explicitly pass in a value, even if that
   * value is `null`, or the mutation returns an error.
   *
   * For more information, refer to the [compare and swap documentation](https://shopify.dev/docs/apps/build/orders-fulfillment/inventory-management-apps/manage-quantities-states#compare-and-swap).
   */
  changeFromQuantity?: number | null | undefined;
  /** Specifies the inventory item to which the quantity will be set. */
  inventoryItemId: string;
  /** Specifies the location at which the quantity will be set. */
  locationId: string;
  /** The quantity to which the inventory quantity will be set. */
  quantity: number;
};

/** The input fields required to set inventory quantities. */
export type InventorySetQuantitiesInput = {
  /** The name of quantities to be changed. The only accepted values are: `available` or `on_hand`. */
  name: string;
  /** The values to which each quantities will be set. */
  quantities: Array<InventoryQuantityInput>;
  /**
   * The reason for the quantity changes. The value must be one of the [possible
   * reasons](https://shopify.dev/docs/apps/fulfillment/inventory-management-apps/quantities-states#set-inventory-quantities-on-hand).
   */
  reason: string;
  /**
   * A URI that represents why the inventory change happened, identifying the
   * source system and document that caused this adjustment. Enables complete audit
   * trails and brand visibility in Shopify admin inventory history.
   *
   * Preferred format - Global ID (GID): gid://[your-app-name]/[entity-type]/[id]
   *
   * Examples:
   * - gid://warehouse-app/PurchaseOrder/PO-2024-001 (stock received)
   * - gid://3pl-system/CycleCount/CC-2024-0125 (cycle count adjustment)
   * - gid://pos-app/Transaction/TXN-98765 (in-store sale)
   * - gid://erp-connector/SyncJob/SYNC-2024-11-21-001 (ERP sync)
   * - gid://shopify/Order/1234567890 (Shopify order reference)
   *
   * Benefits: Your app name appears directly in merchant inventory history,
   * reducing support tickets and providing clear audit trails for compliance.
   *
   * Alternative formats (also supported): https://myapp.com/documents/12345, custom-scheme://identifier
   *
   * Requirements: Valid URI with scheme and content. For GID format, all components (app, entity, id) must be present.
   */
  referenceDocumentUri?: string | null | undefined;
};

/** Possible error codes that can be returned by `InventorySetQuantitiesUserError`. */
export type InventorySetQuantitiesUserErrorCode =
  /** The changeFromQuantity value does not match persisted value. */
  | 'CHANGE_FROM_QUANTITY_STALE'
  /** The compareQuantity argument must be given to each quantity or ignored using ignoreCompareQuantity. */
  | 'COMPARE_QUANTITY_REQUIRED'
  /** The compareQuantity value does not match persisted value. */
  | 'COMPARE_QUANTITY_STALE'
  /** This request is currently in progress, please try again. */
  | 'IDEMPOTENCY_CONCURRENT_REQUEST'
  /** The same idempotency key cannot be used with different operation parameters. */
  | 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH'
  /** The specified inventory item could not be found. */
  | 'INVALID_INVENTORY_ITEM'
  /** The specified location could not be found. */
  | 'INVALID_LOCATION'
  /** The quantity name must be either 'available' or 'on_hand'. */
  | 'INVALID_NAME'
  /** The quantity can't be negative. */
  | 'INVALID_QUANTITY_NEGATIVE'
  /** The total quantity can't be higher than 1,000,000,000. */
  | 'INVALID_QUANTITY_TOO_HIGH'
  /** The total quantity can't be lower than -1,000,000,000. */
  | 'INVALID_QUANTITY_TOO_LOW'
  /** The specified reason is invalid. */
  | 'INVALID_REASON'
  /** The specified reference document is invalid. */
  | 'INVALID_REFERENCE_DOCUMENT'
  /** The specified inventory item is not stocked at the location. */
  | 'ITEM_NOT_STOCKED_AT_LOCATION'
  /** The specified inventory item is not allowed to be adjusted via API. Example: if the inventory item is a parent bundle. */
  | 'NON_MUTABLE_INVENTORY_ITEM'
  /** The combination of inventoryItemId and locationId must be unique. */
  | 'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR';

/** Represents the order's current financial status. */
export type OrderDisplayFinancialStatus =
  /**
   * Displayed as **Authorized**. The payment provider has validated the customer's
   * payment information. This status appears only for manual payment capture and
   * indicates payments should be captured before the authorization period expires.
   */
  | 'AUTHORIZED'
  /**
   * Displayed as **Expired**. Payment wasn't captured before the payment
   * provider's deadline on an authorized order. Some payment providers use this
   * status to indicate failed payment processing.
   */
  | 'EXPIRED'
  /** Displayed as **Paid**. Payment was automatically or manually captured, or the order was marked as paid. */
  | 'PAID'
  /**
   * Displayed as **Partially paid**. A payment was manually captured for the order
   * with an amount less than the full order value.
   */
  | 'PARTIALLY_PAID'
  /** Displayed as **Partially refunded**. The amount refunded to a customer is less than the full amount paid for an order. */
  | 'PARTIALLY_REFUNDED'
  /**
   * Displayed as **Pending**. Orders have this status when the payment provider
   * needs time to complete the payment, or when manual payment methods are being used.
   */
  | 'PENDING'
  /** Displayed as **Refunded**. The full amount paid for an order was refunded to the customer. */
  | 'REFUNDED'
  /**
   * Displayed as **Voided**. An unpaid (payment authorized but not captured) order was manually
   *          canceled.
   */
  | 'VOIDED';

/** The possible product statuses. */
export type ProductStatus =
  /**
   * The product is ready to sell and can be published to sales channels and apps.
   * Products with an active status aren't automatically published to sales
   * channels, such as the online store, or apps. By default, existing products are set to active.
   */
  | 'ACTIVE'
  /** The product is no longer being sold and isn't available to customers on sales channels and apps. */
  | 'ARCHIVED'
  /**
   * The product isn't ready to sell and is unavailable to customers on sales
   * channels and apps. By default, duplicated and unarchived products are set to draft.
   */
  | 'DRAFT'
  /**
   * The product is active but you need a direct link to view it. The product
   * doesn't show up in search, collections, or product recommendations. It will be
   * returned in Storefront API and Liquid only when referenced individually by
   * handle, id, or metafield reference.This status is only visible from 2025-10
   * and up, is translated to active in older versions and can't be changed from
   * unlisted in older versions.
   */
  | 'UNLISTED';

/** The type of restock performed for a particular refund line item. */
export type RefundLineItemRestockType =
  /** The refund line item was canceled. Use this when restocking unfulfilled line items. */
  | 'CANCEL'
  /**
   * Deprecated. The refund line item was restocked, without specifically
   * beingidentified as a return or cancelation. This value is not accepted when
   * creating new refunds.
   */
  | 'LEGACY_RESTOCK'
  /** Refund line item was not restocked. */
  | 'NO_RESTOCK'
  /** The refund line item was returned. Use this when restocking line items that were fulfilled. */
  | 'RETURN';

export type ShopIdentityQueryVariables = Exact<{ [key: string]: never; }>;


export type ShopIdentityQuery = { shop: { id: string, name: string, email: string, myshopifyDomain: string, currencyCode: CurrencyCode } };

export type PrimaryLocationQueryVariables = Exact<{ [key: string]: never; }>;


export type PrimaryLocationQuery = { location: { id: string, name: string, isActive: boolean } | null };

export type LocationsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type LocationsQuery = { locations: { nodes: Array<{ id: string, name: string, isActive: boolean }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type VariantStockFragment = { id: string, title: string, sku: string | null, inventoryItem: { id: string, tracked: boolean, inventoryLevel: { quantities: Array<{ name: string, quantity: number }> } | null } };

export type ProductsPageQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  variants: number;
  locationId: string;
}>;


export type ProductsPageQuery = { products: { nodes: Array<{ id: string, title: string, handle: string, status: ProductStatus, onlineStoreUrl: string | null, variants: { nodes: Array<{ id: string, title: string, sku: string | null, inventoryItem: { id: string, tracked: boolean, inventoryLevel: { quantities: Array<{ name: string, quantity: number }> } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type InventoryItemStockQueryVariables = Exact<{
  id: string;
  locationId: string;
}>;


export type InventoryItemStockQuery = { inventoryItem: { variant: { id: string, title: string, sku: string | null, product: { id: string, title: string, status: ProductStatus, onlineStoreUrl: string | null }, inventoryItem: { id: string, tracked: boolean, inventoryLevel: { quantities: Array<{ name: string, quantity: number }> } | null } } } | null };

export type ProductVariantsPageQueryVariables = Exact<{
  id: string;
  first: number;
  after?: string | null | undefined;
  locationId: string;
}>;


export type ProductVariantsPageQuery = { product: { variants: { nodes: Array<{ id: string, title: string, sku: string | null, inventoryItem: { id: string, tracked: boolean, inventoryLevel: { quantities: Array<{ name: string, quantity: number }> } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type InventoryAvailableQueryVariables = Exact<{
  ids: Array<string> | string;
  locationId: string;
}>;


export type InventoryAvailableQuery = { nodes: Array<
    | { id: string, tracked: boolean, inventoryLevel: { quantities: Array<{ name: string, quantity: number }> } | null }
    | Record<PropertyKey, never>
   | null> };

export type AppUninstallMutationVariables = Exact<{ [key: string]: never; }>;


export type AppUninstallMutation = { appUninstall: { app: { id: string } | null, userErrors: Array<{ code: AppUninstallAppUninstallErrorCode | null, field: Array<string> | null, message: string }> } | null };

export type SetAvailableMutationVariables = Exact<{
  input: InventorySetQuantitiesInput;
  idempotencyKey: string;
}>;


export type SetAvailableMutation = { inventorySetQuantities: { inventoryAdjustmentGroup: { id: string, changes: Array<{ name: string, delta: number, quantityAfterChange: number | null, item: { id: string } | null, location: { id: string } | null }> } | null, userErrors: Array<{ code: InventorySetQuantitiesUserErrorCode | null, field: Array<string> | null, message: string }> } | null };

export type OrderFieldsFragment = { id: string, name: string, createdAt: string, updatedAt: string, cancelledAt: string | null, displayFinancialStatus: OrderDisplayFinancialStatus | null, currencyCode: CurrencyCode, totalPriceSet: { shopMoney: { amount: string, currencyCode: CurrencyCode } }, fulfillmentOrders: { nodes: Array<{ assignedLocation: { location: { id: string } | null } }> } };

export type OrderLineFragment = { id: string, sku: string | null, title: string, variantTitle: string | null, quantity: number, originalUnitPriceSet: { shopMoney: { amount: string, currencyCode: CurrencyCode } }, variant: { id: string } | null, product: { id: string } | null };

export type OrdersPageQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  query?: string | null | undefined;
}>;


export type OrdersPageQuery = { orders: { nodes: Array<{ id: string, name: string, createdAt: string, updatedAt: string, cancelledAt: string | null, displayFinancialStatus: OrderDisplayFinancialStatus | null, currencyCode: CurrencyCode, lineItems: { nodes: Array<{ id: string, sku: string | null, title: string, variantTitle: string | null, quantity: number, originalUnitPriceSet: { shopMoney: { amount: string, currencyCode: CurrencyCode } }, variant: { id: string } | null, product: { id: string } | null }>, pageInfo: { hasNextPage: boolean } }, refunds: Array<{ createdAt: string | null, refundLineItems: { nodes: Array<{ quantity: number, restockType: RefundLineItemRestockType, lineItem: { id: string } }>, pageInfo: { hasNextPage: boolean } } }>, totalPriceSet: { shopMoney: { amount: string, currencyCode: CurrencyCode } }, fulfillmentOrders: { nodes: Array<{ assignedLocation: { location: { id: string } | null } }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type OrderCompleteQueryVariables = Exact<{
  id: string;
}>;


export type OrderCompleteQuery = { order: { id: string, name: string, createdAt: string, updatedAt: string, cancelledAt: string | null, displayFinancialStatus: OrderDisplayFinancialStatus | null, currencyCode: CurrencyCode, lineItems: { nodes: Array<{ id: string, sku: string | null, title: string, variantTitle: string | null, quantity: number, originalUnitPriceSet: { shopMoney: { amount: string, currencyCode: CurrencyCode } }, variant: { id: string } | null, product: { id: string } | null }>, pageInfo: { hasNextPage: boolean } }, refunds: Array<{ createdAt: string | null, refundLineItems: { nodes: Array<{ quantity: number, restockType: RefundLineItemRestockType, lineItem: { id: string } }>, pageInfo: { hasNextPage: boolean } } }>, totalPriceSet: { shopMoney: { amount: string, currencyCode: CurrencyCode } }, fulfillmentOrders: { nodes: Array<{ assignedLocation: { location: { id: string } | null } }> } } | null };
