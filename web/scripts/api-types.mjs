// Generates src/api/schema.d.ts from the server's OpenAPI document (tools/export_openapi.py).
// With --check it writes nothing and fails when the committed file differs from a fresh generation,
// so API changes on the server cannot silently drift away from the types the UI compiles against.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const web = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repo = resolve(web, "..");
const target = resolve(web, "src/api/schema.d.ts");
const header =
  "// Generated from the server's OpenAPI document by `npm run api:types`; do not edit by hand.\n" +
  "// `npm run api:check` (part of `make test`) fails when this file no longer matches the server.\n\n";

function python() {
  if (process.env.IMPASTO_PYTHON) return process.env.IMPASTO_PYTHON;
  const venv = resolve(repo, ".venv/bin/python");
  return existsSync(venv) ? venv : "python3";
}

function exportDocument() {
  const json = execFileSync(python(), [resolve(repo, "tools/export_openapi.py")], {
    cwd: repo,
    encoding: "utf-8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(json);
}

async function generate() {
  const ast = await openapiTS(exportDocument(), { alphabetize: true });
  return header + astToString(ast);
}

const fresh = await generate();
if (process.argv.includes("--check")) {
  const current = existsSync(target) ? readFileSync(target, "utf-8") : "";
  if (current !== fresh) {
    console.error(
      "web/src/api/schema.d.ts is out of date with the server's OpenAPI document.\n" +
        "Run `npm run api:types` in web/ and commit the result.",
    );
    process.exit(1);
  }
  console.log("API types match the server.");
} else {
  writeFileSync(target, fresh);
  console.log(`wrote ${target}`);
}
