import { getOrgSettings } from "@/lib/settings/org-settings";
import { roleAtLeast, type OrgContext } from "@/lib/tenancy/context";
import { SettingsForm } from "./SettingsForm";

export async function SettingsView({ ctx }: { ctx: OrgContext }) {
  const settings = await getOrgSettings(ctx);
  const timezones = Intl.supportedValuesOf("timeZone");
  if (!timezones.includes(settings.timezone)) timezones.unshift(settings.timezone);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Settings</h1>
      <SettingsForm initial={settings} canEdit={roleAtLeast(ctx.role, "manager")} timezones={timezones} />
    </div>
  );
}
