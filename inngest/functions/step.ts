import type { Step } from "@/lib/sync/step";

type InngestStepLike = {
  run: (id: string, fn: () => Promise<unknown>) => Promise<unknown>;
  sleep: (id: string, duration: number) => Promise<unknown>;
};

/**
 * Inngest's step memoizes JSON-serialized results; the sync logic only returns plain
 * JSON from steps, so the serialized value has the type the step declared.
 */
export function fromInngestStep(step: InngestStepLike): Step {
  return {
    run: <T>(id: string, fn: () => Promise<T>) => step.run(id, fn) as Promise<T>,
    sleep: async (id, ms) => {
      await step.sleep(id, ms);
    },
  };
}
