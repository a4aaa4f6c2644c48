import type { TestProject } from "vitest/node";
import { createTemplate, testServer } from "./test-db";

/** One test cluster per run; a migrated template that every worker clones its database from. */
export default async function setup(project: TestProject) {
  const { url, cluster } = await testServer("vitest", Number(process.env.TEST_PG_PORT ?? 5497));
  await createTemplate(url);
  project.provide("testServerUrl", url);
  return async () => {
    await cluster?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testServerUrl: string;
  }
}
