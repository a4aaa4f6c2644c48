// js-yaml (a dependency of eslint) ships no types; only what the corpus test uses.
declare module "js-yaml" {
  export class Type {
    constructor(tag: string, options: { kind: "scalar" | "sequence" | "mapping"; construct: (data: never) => unknown });
  }
  export class Schema {
    extend(types: Type[]): Schema;
  }
  export const DEFAULT_SCHEMA: Schema;
  export function load(text: string, options?: { schema?: Schema }): unknown;
  const yaml: { Type: typeof Type; DEFAULT_SCHEMA: Schema; load: typeof load };
  export default yaml;
}
