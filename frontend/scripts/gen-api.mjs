// Regenerates src/api/schema.ts from the API's OpenAPI schema. The schema comes from the
// Python app itself (no server needed): `npm run gen:api`, or `make frontend-types`.
// With --check it only compares, and fails when the committed types are out of date.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const venvPython = resolve(root, ".venv", "bin", "python");
const python = process.env.PYTHON ?? (existsSync(venvPython) ? venvPython : "python3");

const json = execFileSync(python, [resolve(here, "dump_openapi.py")], {
  cwd: root,
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
});
const schema = JSON.parse(json);

const ast = await openapiTS(schema);
const banner =
  "// Generated from Aura's OpenAPI schema by scripts/gen-api.mjs. Do not edit by hand:\n" +
  "// run `npm run gen:api` after changing the API.\n\n";
const target = resolve(here, "..", "src", "api", "schema.ts");
const generated = banner + astToString(ast);
if (process.argv.includes("--check")) {
  const current = existsSync(target) ? readFileSync(target, "utf8") : "";
  if (current !== generated) {
    console.error("src/api/schema.ts does not match the API's OpenAPI schema: run `make frontend-types`.");
    process.exit(1);
  }
  console.log("src/api/schema.ts matches the API's OpenAPI schema");
} else {
  writeFileSync(target, generated);
  console.log(`wrote src/api/schema.ts (${Object.keys(schema.components?.schemas ?? {}).length} schemas)`);
}
