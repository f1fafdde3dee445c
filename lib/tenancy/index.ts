export { assertRole, roleAtLeast, type OrgContext } from "./context";
export { errorFormState, formValues, parseForm, type FormState } from "./form-state";
export { orgAction, runOrgAction } from "./org-action";
export { orgRoute } from "./org-route";
export { requireOrg, type OrgPage } from "./require-org";
export { orgContextForUser, resolveOrgContext } from "./resolve";
export { tenantWhere, type TenantTable } from "./scope";
