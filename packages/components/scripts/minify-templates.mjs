// Minifies the HTML and CSS inside the published modules' `html`/`css`
// templates (whitespace, comments; CSS through lightningcss), with Lit's own
// minifier, and chains each file's source map back to the TypeScript source.
// Runs on tsc's output in dist/; a file already minified is left as it is.
import { minifyHTMLLiterals } from '@lit-labs/rollup-plugin-minify-html-literals/lib/minify-html-literals.js';
import remapping from '@jridgewell/remapping';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

// Appended, not prepended, so the source map's lines stay true.
const marker = '\n/* gridkit: templates minified */\n';

function modules(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['cdn', 'demo'].includes(entry.name) ? [] : modules(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

export async function minifyTemplates(dist) {
  let files = 0;
  let saved = 0;
  for (const file of modules(dist)) {
    const code = readFileSync(file, 'utf8');
    if (code.endsWith(marker)) continue;
    // The map's source is named like the module beside it, so tsc's relative sources resolve unchanged.
    const name = basename(file);
    const result = await minifyHTMLLiterals(code, { fileName: name });
    if (!result) {
      writeFileSync(file, code + marker);
      continue;
    }
    const mapFile = `${file}.map`;
    const tscMap = JSON.parse(readFileSync(mapFile, 'utf8'));
    const chained = remapping(result.map, (source) => (source === name ? tscMap : null));
    writeFileSync(mapFile, JSON.stringify({ ...chained, file: tscMap.file }));
    writeFileSync(file, result.code + marker);
    files += 1;
    saved += code.length - result.code.length;
  }
  return { files, saved };
}
