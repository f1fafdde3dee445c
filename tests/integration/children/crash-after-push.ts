// Runs one push of a connection in its own process and kills that process the moment the
// marketplace has accepted the writes, before Stockroom records them: a crash between the
// write and the database update (tests/integration/push-races.test.ts).
import { defaultSyncDeps } from "@/lib/sync/deps";
import { runConnectionSync } from "@/lib/sync/run";

const connectionId = process.argv[2];
if (!connectionId) throw new Error("usage: crash-after-push.ts <connectionId>");
const deps = await defaultSyncDeps();
await runConnectionSync(connectionId, "push", "manual", {
  deps: {
    ...deps,
    adapterFor: (marketplace) => {
      const real = deps.adapterFor(marketplace);
      return {
        ...real,
        pushQuantities: async (session, items, observer) => {
          await real.pushQuantities(session, items, observer);
          process.kill(process.pid, "SIGKILL");
          return [];
        },
      };
    },
  },
});
throw new Error("the push finished without crashing");
