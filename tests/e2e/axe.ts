import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// axe (WCAG 2 A and AA) on one page at a desktop and a phone width: the serious and
// critical violations, one line each, so a failing test says what to fix and where. At the
// phone width the page itself must not scroll sideways (wide tables scroll in their own box).

const WIDTHS = [1280, 390];

export async function audit(page: Page, path: string) {
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    for (const v of violations.filter((x) => x.impact === "serious" || x.impact === "critical"))
      problems.push(`${path} @${width}px: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (pageWidth > width) problems.push(`${path} @${width}px: the page is ${pageWidth}px wide and scrolls sideways`);
  }
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
  return problems;
}

