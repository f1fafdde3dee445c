import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { migrateDb } from "@/db/migrate";
import { makeConnection, makeOrg, makeRun, makeUser } from "./admin-fixtures";

// The request edge: who the session says is signed in, and their headers. Everything behind
// it (the admin check against the database, the actions, the queries) is the real code.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({ sessionUserId: async () => session.userId }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.4" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const root = path.resolve(import.meta.dirname, "../..");
const adminFiles = (name: string) =>
  readdirSync(path.join(root, "app/admin"), { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === name)
    .map((f) => path.join("app/admin", f));

const pages = [...adminFiles("page.tsx"), ...adminFiles("layout.tsx")];
const routes = adminFiles("route.ts");

function is404(err: unknown): boolean {
  return typeof err === "object" && err !== null && "digest" in err && String(err.digest).startsWith("NEXT_HTTP_ERROR_FALLBACK;404");
}
async function expect404(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(is404(err), `expected Next's notFound(), got ${String(err)}`).toBe(true);
}

type Visitor = { name: string; userId: () => Promise<string | null> };
const refused: Visitor[] = [
  { name: "a signed-out visitor", userId: async () => null },
  { name: "a seller", userId: () => sellerId() },
  { name: "a disabled admin", userId: async () => (await makeUser({ admin: true, disabled: true })).id },
  { name: "a session whose user no longer exists", userId: async () => randomUUID() },
];
async function sellerId() {
  const u = await makeUser();
  await makeOrg({ owner: u.id });
  return u.id;
}

let ids: { org: string; user: string; run: string };
beforeAll(async () => {
  await migrateDb();
  const owner = await makeUser();
  const org = await makeOrg({ owner: owner.id });
  const run = await makeRun(await makeConnection(org.id));
  ids = { org: org.id, user: owner.id, run: run.id };
});

// A detail page gets a real id of its kind, so an admin sees it render.
function propsFor(file: string) {
  const id = file.includes("organizations/[id]") ? ids.org : file.includes("users/[id]") ? ids.user : file.includes("sync-runs/[id]") ? ids.run : randomUUID();
  return { params: Promise.resolve({ id }), searchParams: Promise.resolve({}), children: null };
}

type PageModule = { default: (props: ReturnType<typeof propsFor>) => Promise<unknown> };
type RouteModule = Record<string, (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>>;
type ActionModule = Record<string, (prev: object, formData: FormData) => Promise<unknown>>;

describe("the admin area refuses everyone but active platform admins", () => {
  it("covers every page, route and action", async () => {
    expect(pages.length).toBeGreaterThanOrEqual(10);
    expect(routes.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(await import("@/app/admin/actions")).length).toBeGreaterThanOrEqual(10);
  });

  describe.each(refused)("$name", (visitor) => {
    it.each(pages)("gets a 404 from %s", async (file) => {
      session.userId = await visitor.userId();
      const mod = (await import(path.join(root, file))) as PageModule;
      await expect404(mod.default(propsFor(file)));
    });

    it.each(routes)("gets a plain 404 from %s", async (file) => {
      session.userId = await visitor.userId();
      const mod = (await import(path.join(root, file))) as RouteModule;
      const handlers = Object.entries(mod).filter(([k]) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(k));
      expect(handlers.length).toBeGreaterThan(0);
      for (const [, handler] of handlers) {
        const res = await handler(new Request("http://localhost/admin/x"), { params: Promise.resolve({}) });
        expect(res.status).toBe(404);
        expect(await res.text()).not.toMatch(/admin/i);
      }
    });

    it("is refused by every admin action before any input is read", async () => {
      session.userId = await visitor.userId();
      const actions = (await import("@/app/admin/actions")) as unknown as ActionModule;
      for (const [name, action] of Object.entries(actions)) {
        const form = new FormData();
        form.set("orgId", ids.org);
        form.set("userId", ids.user);
        form.set("reason", "Trying my luck");
        const err = await action({}, form).then(
          () => null,
          (e: unknown) => e,
        );
        expect(is404(err), `${name} must answer notFound()`).toBe(true);
      }
    });
  });

  describe("an active platform admin", () => {
    it.each(pages)("sees %s", async (file) => {
      session.userId = (await makeUser({ admin: true })).id;
      const mod = (await import(path.join(root, file))) as PageModule;
      await expect(mod.default(propsFor(file))).resolves.toBeTruthy();
    });

    it.each(routes)("gets %s", async (file) => {
      session.userId = (await makeUser({ admin: true })).id;
      const mod = (await import(path.join(root, file))) as RouteModule;
      const res = await mod.GET(new Request(`http://localhost/x?orgId=${ids.org}`), { params: Promise.resolve({}) });
      expect(res.status).toBe(200);
    });

    it("loses access at once when another admin revokes the role, though the session lives on", async () => {
      const { revokePlatformAdminAction } = await import("@/app/admin/actions");
      const target = await makeUser({ admin: true });
      session.userId = (await makeUser({ admin: true })).id;
      const form = new FormData();
      form.set("userId", target.id);
      expect(await revokePlatformAdminAction({}, form)).toMatchObject({ ok: true });

      session.userId = target.id;
      const overview = (await import(path.join(root, "app/admin/page.tsx"))) as PageModule;
      await expect404(overview.default(propsFor("app/admin/page.tsx")));
    });
  });
});
