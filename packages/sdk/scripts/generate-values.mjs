// Writes src/generated/values.ts from openapi/gridkit.yaml: the contract's
// value lists (every `enum`), its string patterns, and its catalog of problem
// types, as runtime constants next to the types openapi-typescript generates.
// Run by `pnpm generate`; scripts/check-generated.sh fails CI when the output
// is stale. Output is generated: never edit it.
import { readFileSync, writeFileSync } from 'node:fs';

import { parse as parseYaml } from 'yaml';

const source = new URL('../../../openapi/gridkit.yaml', import.meta.url);
const target = new URL('../src/generated/values.ts', import.meta.url);
const doc = parseYaml(readFileSync(source, 'utf8'));

const fail = (message) => {
  console.error(`generate-values: ${message}`);
  process.exit(1);
};
const camel = (name) => name[0].toLowerCase() + name.slice(1);
const upperFirst = (name) => name[0].toUpperCase() + name.slice(1);
const literal = (value) => `'${String(value).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
/** The first sentence of a description, on one line, safe inside a JSDoc comment. */
const summary = (description = '') => {
  const text = description.replace(/\s+/g, ' ').trim().replaceAll('*/', '*\\/');
  const end = text.search(/(?<!\b(?:e\.g|i\.e|etc))\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
};

const out = [];
const names = new Set();
const declare = (name, text) => {
  if (names.has(name)) fail(`two constants would be named ${name}; rename a schema in the contract`);
  names.add(name);
  out.push(text);
};
const enumValues = (schema) => {
  if (!Array.isArray(schema?.enum)) return undefined;
  if (!schema.enum.every((v) => typeof v === 'string')) fail(`only string enums are supported: ${schema.enum}`);
  return schema.enum;
};
const array = (name, typeText, values, description) =>
  declare(
    name,
    `/** ${description} */\nexport const ${name} = [${values.map(literal).join(', ')}] as const satisfies readonly ${typeText}[];\n`,
  );

// ---- enums: named schemas, then enums inline in a schema's properties, then headers
const schemas = doc.components?.schemas ?? {};
for (const [name, schema] of Object.entries(schemas)) {
  const values = enumValues(schema);
  if (values)
    array(`${camel(name)}Values`, `Schemas['${name}']`, values, `\`${name}\`: ${summary(schema.description)}`);
}
for (const [name, schema] of Object.entries(schemas)) {
  for (const [property, sub] of Object.entries(schema.properties ?? {})) {
    const values = enumValues(sub);
    if (values)
      array(
        `${camel(name)}${upperFirst(property)}Values`,
        `NonNullable<Schemas['${name}']['${property}']>`,
        values,
        `\`${name}.${property}\`: ${summary(sub.description)}`,
      );
  }
}
for (const [name, header] of Object.entries(doc.components?.headers ?? {})) {
  const values = enumValues(header.schema);
  if (values)
    array(
      `${camel(name)}Values`,
      `components['headers']['${name}']`,
      values,
      `Header \`${name}\`: ${summary(header.description)}`,
    );
}

// ---- patterns of named string schemas
for (const [name, schema] of Object.entries(schemas)) {
  if (schema.type !== 'string' || typeof schema.pattern !== 'string') continue;
  const regex = new RegExp(schema.pattern); // throws on a pattern JavaScript cannot read
  declare(
    `${camel(name)}Pattern`,
    `/** \`${name}\`: ${summary(schema.description)} */\nexport const ${camel(name)}Pattern = /${regex.source}/;\n`,
  );
}

// ---- problem types: the catalog table in the API description, checked against the examples
const description = doc.info?.description ?? '';
const base = /\| `type` \(relative to `([^`]+)`\) \| status \| meaning \|/.exec(description)?.[1];
if (!base) fail('the problem catalog table (`type` relative to …) is missing from info.description');
const catalog = [...description.matchAll(/^\| `([a-z][a-z0-9-]*)` \| (\d{3}) \| (.+?) \|$/gm)].map((m) => ({
  slug: m[1],
  status: Number(m[2]),
  meaning: m[3].trim(),
}));
if (catalog.length === 0) fail('the problem catalog table has no rows');
for (const [name, example] of Object.entries(doc.components?.examples ?? {})) {
  const type = example.value?.type;
  if (typeof type !== 'string' || !type.startsWith(base)) continue;
  const row = catalog.find((r) => base + r.slug === type);
  if (!row) fail(`example ${name} uses ${type}, which the problem catalog does not list`);
  if (row.status !== example.value.status)
    fail(`example ${name}: ${type} has status ${example.value.status}, the catalog says ${row.status}`);
}
declare(
  'problemTypeBase',
  `/** What every problem \`type\` of the contract starts with; the rest is the slug. */\nexport const problemTypeBase = ${literal(base)};\n`,
);
declare(
  'problemSlugValues',
  `/** The contract's problem types (\`${base}<slug>\`), in the order of its catalog. */\nexport const problemSlugValues = [\n${catalog.map((r) => `  ${literal(r.slug)}, // ${r.status}: ${r.meaning.replaceAll('*/', '*\\/')}`).join('\n')}\n] as const;\n`,
);
declare(
  'problemStatuses',
  `/** The HTTP status that goes with each problem type. */\nexport const problemStatuses = {\n${catalog.map((r) => `  ${literal(r.slug)}: ${r.status},`).join('\n')}\n} as const satisfies Record<(typeof problemSlugValues)[number], number>;\n`,
);

const header = `/**
 * The contract's constants: every enum's values, the string patterns and the
 * problem-type catalog of openapi/gridkit.yaml. Generated by
 * scripts/generate-values.mjs (\`pnpm generate\`) — do not edit.
 */
import type { components } from './gridkit.js';

type Schemas = components['schemas'];
`;
writeFileSync(target, `${header}\n${out.join('\n')}`);
console.log(`openapi/gridkit.yaml → src/generated/values.ts (${names.size} constants)`);
