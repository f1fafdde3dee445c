"use client";

import { useActionState } from "react";
import { FormError } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Marketplace } from "@/db/schema/marketplace-ids";
import type { MarketplaceMeta } from "@/lib/marketplaces/meta-types";
import type { FormState } from "@/lib/tenancy/form-state";
import { connectStoreAction } from "../../actions";

type Address = NonNullable<MarketplaceMeta["accountAddress"]>;

/** "Your Shopify store: ____.myshopify.com", its error next to the field; a valid address goes on to the consent page. */
export function StoreAddressForm({ marketplace, address, returnTo }: { marketplace: Marketplace; address: Address; returnTo: string }) {
  const [state, action] = useActionState<FormState<never>, FormData>(connectStoreAction, {});
  const error = state.fieldErrors?.account;
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="marketplace" value={marketplace} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <FormError message={state.error && !error ? state.error : undefined} />
      <div>
        <label htmlFor="field-account" className="block text-sm font-medium text-gray-700">
          {address.label}
        </label>
        <div className="mt-1 flex items-center gap-1">
          <input
            id="field-account"
            name="account"
            required
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            placeholder={address.example}
            defaultValue={state.values?.account}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "field-account-error" : "field-account-suffix"}
            className={`block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500 ${error ? "border-red-500" : "border-gray-300"}`}
          />
          <span id="field-account-suffix" className="text-sm text-gray-700">
            {address.suffix}
          </span>
        </div>
        {error ? (
          <p id="field-account-error" className="mt-1 text-sm text-red-600">
            {error}
          </p>
        ) : null}
      </div>
      <SubmitButton>Continue</SubmitButton>
    </form>
  );
}
