// The prebuilt validators the CLI bundle carries. In the bundle, scripts/bundle-cli.mjs replaces this module with one
// that holds each schema's validator from dist/schema/validators/ (written just before it bundles): they are then
// compiled with the rest of the bundle, under its V8 code cache, instead of being required one file at a time and
// compiled from scratch at every start (kit.yaml and mcp.yaml's two validators: ~8 ms of CPU of every install).
// Outside the bundle (tsc's modules, the tests) there are none here and precompile.ts requires the files.

/** Schema file name → its validator module's exports, loaded when first asked for. */
export const bundledValidators: Readonly<Record<string, () => unknown>> | undefined = undefined
