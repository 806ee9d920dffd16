// The Custom Elements Manifest (custom-elements.json, committed and checked
// for freshness) and everything derived from it at build time: JSX types for
// React 19, Vue 3 GlobalComponents, Svelte element types, VS Code and
// JetBrains custom data, all in dist/types/; and the sources of the Angular
// components (in .angular/, compiled by ngc into dist/angular/).
//
// Two things the analyzer cannot see by itself, done here by small plugins:
// - tag names: the classes do not register themselves, `define('gk-…', Class)`
//   in src/define/ does (through a helper the analyzer does not know);
// - event `detail` types: widgets dispatch through `emit()`, typed by
//   `HTMLElementEventMap`; each event's detail type is read from that map, and
//   an event a class emits without a `@fires` tag (or a `@fires` for an event
//   the map does not declare) fails the run.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';

const typesDir = 'dist/types';
const angularDir = '.angular';

/** `define('gk-x', GkX)` in src/define/*.ts names the class's tag, as `customElements.define` would. */
function defineCallsPlugin() {
  return {
    name: 'gridkit-define-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!moduleDoc.path.startsWith('src/define/')) return;
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, klass] = node.arguments;
      if (!tag || !ts.isStringLiteral(tag) || !klass || !ts.isIdentifier(klass)) return;
      const file = node.getSourceFile();
      const from = file.statements
        .filter(ts.isImportDeclaration)
        .find((i) => i.importClause?.namedBindings?.elements?.some((e) => e.name.text === klass.text));
      if (!from) throw new Error(`${moduleDoc.path}: define('${tag.text}', ${klass.text}) with a class not imported`);
      const module = new URL(from.moduleSpecifier.text, `file:///${moduleDoc.path}`).pathname
        .slice(1)
        .replace(/\.js$/, '.ts');
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: klass.text, module } },
      ];
    },
  };
}

/** Event name → detail type text, from every `interface HTMLElementEventMap` in the sources. */
const eventDetails = new Map();
/** `type KioskTextSize = 'standard' | 'large' | 'x-large'` → its text: editors list an attribute's values from it. */
const literalUnions = new Map();
/** Class name → events it emits with `emit(this, 'gk-…')`. */
const emitted = new Map();

function eventsPlugin() {
  return {
    name: 'gridkit-events',
    analyzePhase({ ts, node, moduleDoc }) {
      if (ts.isSourceFile(node)) {
        // Aliases such as `type GkLoadEvent = CustomEvent<{ gridId?: string }>`, in the file that declares the map entry.
        const aliases = new Map();
        const detailOf = (typeNode) => {
          if (ts.isTypeReferenceNode(typeNode) && ts.isIdentifier(typeNode.typeName)) {
            if (typeNode.typeName.text === 'CustomEvent' && typeNode.typeArguments?.[0])
              return typeNode.typeArguments[0].getText();
            const alias = aliases.get(typeNode.typeName.text);
            if (alias) return detailOf(alias);
          }
          throw new Error(`${moduleDoc.path}: cannot read the detail type of ${typeNode.getText()}`);
        };
        const visit = (n) => {
          if (ts.isTypeAliasDeclaration(n)) {
            aliases.set(n.name.text, n.type);
            if (ts.isUnionTypeNode(n.type) && n.type.types.every((t) => ts.isLiteralTypeNode(t)))
              literalUnions.set(n.name.text, n.type.getText());
          }
          ts.forEachChild(n, visit);
        };
        visit(node);
        const collect = (n) => {
          if (ts.isInterfaceDeclaration(n) && n.name.text === 'HTMLElementEventMap')
            for (const member of n.members)
              if (ts.isPropertySignature(member) && member.type)
                eventDetails.set(member.name.text ?? member.name.getText(), detailOf(member.type));
          ts.forEachChild(n, collect);
        };
        collect(node);
      }
      if (ts.isClassDeclaration(node) && node.name) {
        const names = new Set();
        const find = (n) => {
          if (
            ts.isCallExpression(n) &&
            ts.isIdentifier(n.expression) &&
            n.expression.text === 'emit' &&
            n.arguments[0]?.kind === ts.SyntaxKind.ThisKeyword &&
            n.arguments[1] &&
            ts.isStringLiteral(n.arguments[1])
          )
            names.add(n.arguments[1].text);
          ts.forEachChild(n, find);
        };
        find(node);
        emitted.set(node.name.text, names);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const problems = [];
      for (const mod of customElementsManifest.modules)
        for (const decl of mod.declarations ?? []) {
          if (!decl.customElement) continue;
          // `dispatchEvent(new ContextEvent(gridkitContext, …))` is Lit's context protocol, not an event of ours.
          decl.events = decl.events?.filter((e) => e.name.startsWith('gk-') || e.description);
          const fired = new Set((decl.events ?? []).map((e) => e.name));
          for (const name of emitted.get(decl.name) ?? [])
            if (!fired.has(name)) problems.push(`${decl.name} emits '${name}' without a @fires tag`);
          for (const event of decl.events ?? []) {
            const detail = eventDetails.get(event.name);
            if (!detail)
              problems.push(`${decl.name} @fires '${event.name}', which HTMLElementEventMap does not declare`);
            else event.type = { text: detail };
          }
        }
      for (const mod of customElementsManifest.modules)
        for (const decl of mod.declarations ?? [])
          for (const item of [...(decl.attributes ?? []), ...(decl.members ?? [])]) {
            const union = item.type && literalUnions.get(item.type.text);
            if (union) item.type = { text: union };
          }
      if (problems.length) throw new Error(`Events not documented:\n  ${problems.join('\n  ')}`);
    },
  };
}

/** Private and protected members, `@state` fields and statics are not the element's API: keep them out. */
function publicApiPlugin() {
  return {
    name: 'gridkit-public-api',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules)
        for (const decl of mod.declarations ?? [])
          if (decl.kind === 'class' && decl.members)
            decl.members = decl.members.filter(
              (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.static && !m.name.startsWith('#'),
            );
    },
  };
}

/** A JSDoc comment from manifest text (its lines kept, no comment terminator inside). */
const doc = (text, indent = '  ') =>
  text ? `${indent}/** ${text.replaceAll('*/', '*\\/').split('\n').join(`\n${indent} * `)} */\n` : '';

/** Attributes, properties and events of each tag, as every framework sees them. */
function elements(manifest) {
  const found = [];
  for (const mod of manifest.modules)
    for (const decl of mod.declarations ?? []) {
      if (!decl.customElement || !decl.tagName) continue;
      const fields = (decl.members ?? []).filter((m) => m.kind === 'field' && !m.readonly);
      const definedIn = manifest.modules.find((m) =>
        m.exports?.some((e) => e.kind === 'custom-element-definition' && e.name === decl.tagName),
      );
      found.push({
        tag: decl.tagName,
        define: definedIn?.path.replace(/^src\//, '').replace(/\.ts$/, ''),
        name: decl.name,
        description: decl.summary || decl.description?.split('\n\n')[0],
        attributes: (decl.attributes ?? []).filter((a) => a.fieldName),
        properties: fields,
        events: decl.events ?? [],
      });
    }
  return found.sort((a, b) => a.tag.localeCompare(b.tag));
}

const header = (els) =>
  `// Generated from custom-elements.json by custom-elements-manifest.config.mjs: do not edit.\n` +
  `import type { ${els.map((e) => e.name).join(', ')} } from '../index.js';\n`;
/** Every event handler gets the event as `addEventListener` gives it: typed by HTMLElementEventMap. */
const handler = (event) => `(event: HTMLElementEventMap['${event.name}']) => void`;

/**
 * React 19: attributes (kebab-case, set as attributes) and properties
 * (camelCase, set as properties when the element has them) with the class's
 * own types, and `on<event-name>` handlers, which React 19 adds with
 * addEventListener for custom elements.
 */
function reactTypes(els) {
  let out = header(els) + `import type { DetailedHTMLProps, HTMLAttributes } from 'react';\n`;
  for (const el of els) {
    out += `\n/** \`<${el.tag}>\` in React 19: attributes, properties and \`on<event>\` handlers. */\nexport interface ${el.name}ReactProps {\n`;
    for (const a of el.attributes)
      if (a.name !== a.fieldName) out += doc(a.description) + `  '${a.name}'?: ${el.name}['${a.fieldName}'];\n`;
    for (const p of el.properties) out += doc(p.description) + `  ${p.name}?: ${el.name}['${p.name}'];\n`;
    for (const e of el.events) out += doc(e.description) + `  'on${e.name}'?: ${handler(e)};\n`;
    out += `}\n`;
  }
  out += `\ndeclare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements {\n`;
  for (const el of els)
    out +=
      doc(el.description, '      ') +
      `      '${el.tag}': DetailedHTMLProps<HTMLAttributes<${el.name}>, ${el.name}> & ${el.name}ReactProps;\n`;
  return out + `    }\n  }\n}\n`;
}

/** `gk-load` → `onGkLoad`: the prop name vue-tsc checks `@gk-load` against. */
const vueHandlerName = (event) => `on${event.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())}`;

/**
 * Vue 3: props by their camelCase names (vue-tsc camelizes `grid-id` in a
 * template to `gridId`), handlers as `onGkLoad` for `@gk-load`.
 */
function vueTypes(els) {
  let out = header(els) + `import type { DefineComponent } from 'vue';\n`;
  for (const el of els) {
    out += `\n/** \`<${el.tag}>\` in Vue 3 templates: properties (or their kebab-case attributes) and \`@gk-…\` events. */\nexport interface ${el.name}VueProps {\n`;
    for (const p of el.properties) out += doc(p.description) + `  ${p.name}?: ${el.name}['${p.name}'];\n`;
    for (const e of el.events) out += doc(e.description) + `  ${vueHandlerName(e.name)}?: ${handler(e)};\n`;
    out += `}\n`;
  }
  out += `\ndeclare module 'vue' {\n  interface GlobalComponents {\n`;
  for (const el of els) out += doc(el.description, '    ') + `    '${el.tag}': DefineComponent<${el.name}VueProps>;\n`;
  return out + `  }\n}\n`;
}

/**
 * Svelte 5: attributes and properties (Svelte sets a property when the
 * element has it), `on<event-name>` handlers (Svelte 5) and the legacy
 * `on:<event-name>` directive.
 */
function svelteTypes(els) {
  let out = header(els) + `import type { HTMLAttributes } from 'svelte/elements';\n`;
  for (const el of els) {
    out += `\n/** \`<${el.tag}>\` in Svelte 5: attributes, properties and \`on<event>\` handlers. */\nexport interface ${el.name}SvelteProps {\n`;
    for (const a of el.attributes)
      if (a.name !== a.fieldName) out += doc(a.description) + `  '${a.name}'?: ${el.name}['${a.fieldName}'];\n`;
    for (const p of el.properties) out += doc(p.description) + `  ${p.name}?: ${el.name}['${p.name}'];\n`;
    for (const e of el.events)
      out += doc(e.description) + `  'on${e.name}'?: ${handler(e)};\n` + `  'on:${e.name}'?: ${handler(e)};\n`;
    out += `}\n`;
  }
  out += `\ndeclare module 'svelte/elements' {\n  interface SvelteHTMLElements {\n`;
  for (const el of els)
    out += doc(el.description, '    ') + `    '${el.tag}': HTMLAttributes<${el.name}> & ${el.name}SvelteProps;\n`;
  return out + `  }\n}\n`;
}

/** `gk-load` → `gkLoad`: an output's field name. */
const camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());
/** A property typed `boolean` (optional or not). */
const isBoolean = (property) => /^boolean( \| undefined)?$/.test(property.type?.text ?? '');

/**
 * Angular: one standalone component per tag, with the tag as its selector, so
 * that Angular's strict template checking knows the element (no
 * `CUSTOM_ELEMENTS_SCHEMA`): each property is an input typed as the element's
 * own, written through to the element; each `gk-*` event is an output typed
 * from HTMLElementEventMap. Importing a component registers its element.
 */
function angularComponent(el) {
  if (!el.define) throw new Error(`<${el.tag}> has no define module in src/define/`);
  const element = `${el.name}Element`;
  const imports = [
    ...(el.properties.some(isBoolean) ? ['booleanAttribute'] : []),
    'ChangeDetectionStrategy',
    'Component',
    'ElementRef',
    ...(el.events.length ? ['EventEmitter'] : []),
    ...(el.properties.length ? ['Input'] : []),
    ...(el.events.length ? ['Output'] : []),
    'ViewEncapsulation',
    'inject',
  ];
  let out =
    `// Generated from custom-elements.json by custom-elements-manifest.config.mjs: do not edit.\n` +
    `import { ${imports.join(', ')} } from '@angular/core';\n` +
    `import type { ${el.name} as ${element} } from '@gridkit/components';\n` +
    `import '@gridkit/components/${el.define}';\n\n` +
    doc(el.description, '') +
    `@Component({\n  selector: '${el.tag}',\n  standalone: true,\n  template: '<ng-content></ng-content>',\n` +
    `  changeDetection: ChangeDetectionStrategy.OnPush,\n  encapsulation: ViewEncapsulation.None,\n})\n` +
    `export class ${el.name}Component {\n` +
    `  /** The \`<${el.tag}>\` element itself. */\n` +
    `  readonly element: ${element} = inject(ElementRef).nativeElement;\n`;
  for (const p of el.properties) {
    // A bare boolean attribute (\`<gk-notice-board kiosk>\`) is true, as Angular's own inputs read it.
    const options = isBoolean(p) ? '{ transform: booleanAttribute }' : '';
    out +=
      `\n` +
      doc(p.description) +
      `  @Input(${options}) set ${p.name}(value: ${element}['${p.name}']) {\n    this.element.${p.name} = value;\n  }\n`;
  }
  for (const e of el.events)
    out +=
      `\n` +
      doc(e.description) +
      // Angular listens on the element for every \`(gk-…)\` binding, so the element's own event reaches
      // the handler; the output only types \`$event\`, and never emits (or the handler would run twice).
      `  @Output('${e.name}') readonly ${camel(e.name)} = new EventEmitter<HTMLElementEventMap['${e.name}']>();\n`;
  return out + `}\n`;
}

/** The Angular components' sources, one module per tag and an index with all of them. */
function writeAngularSources(els) {
  rmSync(angularDir, { recursive: true, force: true });
  mkdirSync(angularDir, { recursive: true });
  const files = els.map((el) => ({ el, file: el.tag.replace(/^gk-/, '') }));
  for (const { el, file } of files) writeFileSync(`${angularDir}/${file}.ts`, angularComponent(el));
  writeFileSync(
    `${angularDir}/index.ts`,
    `// Generated from custom-elements.json by custom-elements-manifest.config.mjs: do not edit.\n` +
      files.map(({ el, file }) => `import { ${el.name}Component } from './${file}.js';\n`).join('') +
      `\nexport { ${files.map(({ el }) => `${el.name}Component`).join(', ')} };\n\n` +
      `/** Every Gridkit component, for a component's \`imports\`. */\n` +
      `export const GRIDKIT_COMPONENTS = [${files.map(({ el }) => `${el.name}Component`).join(', ')}] as const;\n`,
  );
}

/**
 * The framework types, written from the finished manifest. Each file is a
 * type-only module with an empty JS twin (so a side-effect
 * `import '@gridkit/components/types/react'` also resolves at run time).
 *
 * Written here rather than by custom-element-vuejs/svelte-integration: those
 * named Vue handlers `ongk-load` (vue-tsc checks `@gk-load` against
 * `onGkLoad`), typed Svelte's base props through a global `JSX` a Svelte
 * project does not have, and declared `svelteHTML` inside a module, where it
 * augments nothing.
 */
function frameworkTypesPlugin() {
  return {
    name: 'gridkit-framework-types',
    packageLinkPhase({ customElementsManifest }) {
      const els = elements(customElementsManifest);
      mkdirSync(typesDir, { recursive: true });
      for (const [name, text] of [
        ['react', reactTypes(els)],
        ['vue', vueTypes(els)],
        ['svelte', svelteTypes(els)],
      ]) {
        writeFileSync(`${typesDir}/${name}.d.ts`, text);
        writeFileSync(`${typesDir}/${name}.js`, '// Types only: see react.d.ts, vue.d.ts, svelte.d.ts.\nexport {};\n');
      }
      // Any other JSX runtime (Preact, Solid, Stencil), or tags under a vendor's own prefix (ScopedElements).
      const jsx = structuredClone(customElementsManifest);
      for (const mod of jsx.modules)
        for (const decl of mod.declarations ?? [])
          for (const event of decl.events ?? [])
            event.type = { text: `HTMLElementEventMap['${event.name}']['detail']` };
      generateJsxTypes(jsx, { outdir: typesDir, fileName: 'jsx.d.ts', globalTypePath: '../index.js', hideLogs: true });
      writeFileSync(`${typesDir}/jsx.js`, 'export {};\n');
      writeAngularSources(els);
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  // Style sheets and message catalogs hold no element: left out, the manifest stays readable.
  exclude: [
    'src/**/*.test.ts',
    'src/**/test-helpers.ts',
    'src/test-support/**',
    'src/**/*.styles.ts',
    'src/**/messages*.ts',
    'src/messages/**',
  ],
  outdir: '.',
  litelement: true,
  dependencies: false,
  plugins: [
    // The glob lists files in the file system's order, which differs between clones: sort, so the freshness check holds.
    {
      name: 'gridkit-module-order',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
    defineCallsPlugin(),
    eventsPlugin(),
    publicApiPlugin(),
    frameworkTypesPlugin(),
    customElementVsCodePlugin({
      outdir: typesDir,
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
      hideLogs: true,
    }),
    customElementJetBrainsPlugin({ outdir: typesDir, packageJson: false, hideLogs: true }),
  ],
};
