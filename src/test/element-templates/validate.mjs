// Validates every element template in the given folder the way Camunda Modeler does: with bpmn-io's
// element-templates-validator, which checks Camunda's element-templates JSON schema (pinned in package.json) plus
// Camunda's own rules. Modeler also refuses a second template with the same id and version, so that is checked too.
// Exits non-zero on any problem, which fails ./mvnw verify (exec-maven-plugin).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { getSchemaPackage, getSchemaVersion, validate } from '@bpmn-io/element-templates-validator';

const C7_SCHEMA = 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json';
const dir = process.argv[2] ?? 'element-templates';
const problems = [];

// The validator bundles a compiled copy of the schema: it must be the version package.json pins.
const pinned = createRequire(import.meta.url)(`${getSchemaPackage()}/package.json`).version;
if (getSchemaVersion() !== pinned) {
  problems.push(`validator checks ${getSchemaPackage()}@${getSchemaVersion()}, package.json pins ${pinned}`);
}

const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  problems.push(`${dir}: no .json templates`);
}
const seen = new Map();
let count = 0;
for (const file of files) {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    problems.push(`${path}: not JSON: ${e.message}`);
    continue;
  }
  const result = validate(text);
  for (const error of result.errors ?? []) {
    const line = error.dataPointer ? `:${error.dataPointer.value.line + 1}` : '';
    problems.push(`${path}${line}: ${error.instancePath || error.dataPath || '/'} ${error.message}`);
  }
  for (const warning of result.warnings ?? []) {
    console.warn(`${path}: warning: ${warning.instancePath || '/'} ${warning.message}`);
  }
  for (const template of [].concat(parsed)) {
    count++;
    if (template.$schema !== C7_SCHEMA) {
      problems.push(`${path}: ${template.id}: $schema must be ${C7_SCHEMA} (Camunda 7)`);
    }
    const key = `${template.id}@${template.version}`;
    if (seen.has(key)) {
      problems.push(`${path}: ${key} is already defined in ${seen.get(key)}`);
    }
    seen.set(key, path);
  }
}

if (problems.length > 0) {
  console.error(`Element templates: ${problems.length} problem(s)`);
  problems.forEach((p) => console.error(`  ${p}`));
  process.exit(1);
}
console.log(`Element templates: ${count} template(s) in ${files.length} file(s) valid against `
  + `${getSchemaPackage()}@${getSchemaVersion()}`);
