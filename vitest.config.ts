import path from "node:path";
import { defineConfig } from "vitest/config";

const soak = process.env.STOCKROOM_SOAK === "1";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, ".") } },
  test: {
    // The soak of issue 11 runs on its own (npm run test:soak): minutes long, PostgreSQL only.
    include: soak ? ["tests/integration/soak/**/*.test.ts"] : ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "sandbox/**/*.test.ts"],
    exclude: soak ? ["**/node_modules/**"] : ["**/node_modules/**", "tests/integration/soak/**"],
    environment: "node",
    setupFiles: ["tests/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ["next-auth"] } },
  },
});
