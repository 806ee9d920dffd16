// Copies openapi/gridkit.yaml into the package as JSON, so the server ships
// the exact contract it validates against. Output is generated: never edit it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const source = new URL('../../../openapi/gridkit.yaml', import.meta.url);
const target = new URL('../src/generated/contract.json', import.meta.url);
mkdirSync(new URL('.', target), { recursive: true });
writeFileSync(target, `${JSON.stringify(parse(readFileSync(source, 'utf8')), null, 2)}\n`);
console.log('openapi/gridkit.yaml → src/generated/contract.json');
