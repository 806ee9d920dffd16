/**
 * XSS vectors in the style of the OWASP XSS Filter Evasion Cheat Sheet, for
 * the injection test: hand-written bases times a few deterministic mutations.
 * Every vector carries its marker `gkx<id>` (in an `id` or `class` where it
 * makes an element, so an injected one can be traced), and every one that
 * would run code calls `__xss(<id>)`, which the test pages define.
 */

export interface Vector {
  id: number;
  /** `gkx<id>`: in the vector's text and on every element it would create. */
  marker: string;
  text: string;
  /** The base it came from and the mutation applied, to trace a hit. */
  origin: string;
}

type Base = (id: number, k: string) => string;

/** `k` is the marker, `id` the number `__xss` reports. */
const bases: [string, Base][] = [
  ['script', (i, k) => `<script id=${k}>__xss(${i})</script>`],
  ['script-src', (i, k) => `<script id=${k} src="data:text/javascript,__xss(${i})"></script>`],
  ['script-split', (i, k) => `<scr<script>ipt id=${k}>__xss(${i})</scr</script>ipt>`],
  ['script-slash', (i, k) => `<script/id=${k}>__xss(${i})</script>`],
  ['script-unclosed', (i, k) => `<script id=${k} src=//a.invalid/${i}.js?`],
  ['img-onerror', (i, k) => `<img src=x id=${k} onerror=__xss(${i})>`],
  ['img-onerror-quoted', (i, k) => `<img src="x" id="${k}" onerror="__xss(${i})">`],
  ['img-backtick', (i, k) => `<img src=\`x\` id=\`${k}\` onerror=\`__xss(${i})\`>`],
  ['img-no-quotes-slash', (i, k) => `<img/src/id=${k}/onerror=__xss(${i})>`],
  ['img-javascript-src', (i, k) => `<img id=${k} src="javascript:__xss(${i})">`],
  ['img-dynsrc', (i, k) => `<img id=${k} dynsrc="javascript:__xss(${i})" lowsrc="javascript:__xss(${i})">`],
  ['svg-onload', (i, k) => `<svg id=${k} onload=__xss(${i})>`],
  ['svg-script', (i, k) => `<svg id=${k}><script>__xss(${i})</script></svg>`],
  ['svg-animate', (i, k) => `<svg id=${k}><animate onbegin=__xss(${i}) attributeName=x dur=1s>`],
  [
    'svg-set-href',
    (i, k) => `<svg id=${k}><a><set attributeName=href to=javascript:__xss(${i}) /><text>x</text></a></svg>`,
  ],
  ['svg-foreign', (i, k) => `<svg id=${k}><foreignObject><img src=x onerror=__xss(${i})></foreignObject></svg>`],
  ['math-confusion', (i, k) => `<math id=${k}><mtext><table><mglyph><style><img src=x onerror=__xss(${i})>`],
  ['math-href', (i, k) => `<math id=${k} href="javascript:__xss(${i})">click</math>`],
  ['body-onload', (i, k) => `<body id=${k} onload=__xss(${i})>`],
  ['body-onpageshow', (i, k) => `<body id=${k} onpageshow="__xss(${i})">`],
  ['iframe-src', (i, k) => `<iframe id=${k} src="javascript:__xss(${i})"></iframe>`],
  ['iframe-srcdoc', (i, k) => `<iframe id=${k} srcdoc="<script>parent.__xss(${i})</script>"></iframe>`],
  ['iframe-data', (i, k) => `<iframe id=${k} src="data:text/html,<script>parent.__xss(${i})</script>"></iframe>`],
  ['iframe-onload', (i, k) => `<iframe id=${k} onload=__xss(${i})></iframe>`],
  ['details-ontoggle', (i, k) => `<details id=${k} open ontoggle=__xss(${i})>`],
  ['video-onerror', (i, k) => `<video id=${k}><source onerror="__xss(${i})"></video>`],
  ['video-poster', (i, k) => `<video id=${k} poster=javascript:__xss(${i})></video>`],
  ['audio-onerror', (i, k) => `<audio id=${k} src=x onerror=__xss(${i})>`],
  ['input-autofocus', (i, k) => `<input id=${k} autofocus onfocus=__xss(${i})>`],
  ['select-autofocus', (i, k) => `<select id=${k} autofocus onfocus=__xss(${i})></select>`],
  ['marquee', (i, k) => `<marquee id=${k} onstart=__xss(${i})>x</marquee>`],
  ['div-onpointer', (i, k) => `<div id=${k} onpointerenter=__xss(${i}) style="position:fixed;inset:0">x</div>`],
  ['a-javascript', (i, k) => `<a id=${k} href="javascript:__xss(${i})">click</a>`],
  [
    'a-javascript-entities',
    (i, k) => `<a id=${k} href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;__xss(${i})">x</a>`,
  ],
  ['a-javascript-tab', (i, k) => `<a id=${k} href="jav\tascript:__xss(${i})">x</a>`],
  ['a-javascript-hex', (i, k) => `<a id=${k} href="&#x6A;avascript&#x3A;__xss(${i})">x</a>`],
  ['a-data-html', (i, k) => `<a id=${k} href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">${i}</a>`],
  ['form-action', (i, k) => `<form id=${k} action="javascript:__xss(${i})"><button>x</button></form>`],
  ['button-formaction', (i, k) => `<form><button id=${k} formaction="javascript:__xss(${i})">x</button></form>`],
  ['isindex', (i, k) => `<isindex id=${k} type=image src=1 onerror=__xss(${i})>`],
  ['object-data', (i, k) => `<object id=${k} data="javascript:__xss(${i})"></object>`],
  ['embed-src', (i, k) => `<embed id=${k} src="data:text/html,<script>__xss(${i})</script>">`],
  ['base-href', (i, k) => `<base id=${k} href="javascript:__xss(${i})//">`],
  ['meta-refresh', (i, k) => `<meta id=${k} http-equiv="refresh" content="0;url=javascript:__xss(${i})">`],
  [
    'meta-refresh-data',
    (i, k) => `<meta id=${k} http-equiv="refresh" content="0;url=data:text/html,<script>__xss(${i})</script>">`,
  ],
  ['link-import', (i, k) => `<link id=${k} rel="stylesheet" href="javascript:__xss(${i})">`],
  ['style-expression', (i, k) => `<div id=${k} style="width:expression(__xss(${i}))">x</div>`],
  ['style-url-js', (i, k) => `<div id=${k} style="background:url(javascript:__xss(${i}))">x</div>`],
  ['style-tag-import', (i, k) => `<style id=${k}>@import 'javascript:__xss(${i})';</style>`],
  ['style-breakout', (i, k) => `</style><img src=x id=${k} onerror=__xss(${i})>`],
  ['textarea-breakout', (i, k) => `</textarea><script id=${k}>__xss(${i})</script>`],
  ['title-breakout', (i, k) => `</title><svg id=${k} onload=__xss(${i})>`],
  ['noscript-breakout', (i, k) => `<noscript><p title="</noscript><img src=x id=${k} onerror=__xss(${i})>">`],
  ['attr-double', (i, k) => `" onmouseover="__xss(${i})" id="${k}`],
  ['attr-single', (i, k) => `' onfocus='__xss(${i})' autofocus id='${k}`],
  ['attr-backtick', (i, k) => `\` onclick=\`__xss(${i})\` id=\`${k}`],
  ['attr-close-tag', (i, k) => `"><img src=x id=${k} onerror=__xss(${i})>`],
  ['attr-close-single', (i, k) => `'><svg/id=${k}/onload=__xss(${i})>`],
  ['template-literal', (i, k) => `\${__xss(${i})}<b id=${k}>\${'x'}</b>`],
  ['mustache', (i, k) => `{{constructor.constructor('__xss(${i})')()}}<i id=${k}>{{x}}</i>`],
  ['lit-marker', (i, k) => `<!--?lit$123456$--><img src=x id=${k} onerror=__xss(${i})>`],
  ['lit-marker-attr', (i, k) => `lit$123456$ <b id=${k} lit$123456$=__xss(${i})>?lit$</b>`],
  ['comment-breakout', (i, k) => `--><img src=x id=${k} onerror=__xss(${i})><!--`],
  ['cdata', (i, k) => `<![CDATA[<img src=x id=${k} onerror=__xss(${i})>]]>`],
  ['entities', (i, k) => `&lt;img src=x id=${k} onerror=__xss(${i})&gt; &amp;lt;script&amp;gt; &#60;b&#62;`],
  ['utf7', (i, k) => `+ADw-script id+AD0-${k}+AD4-__xss(${i})+ADw-/script+AD4-`],
  ['overlong', (i, k) => `%C0%BCscript id=${k}%C0%BE__xss(${i})%C0%BC/script%C0%BE \\x3cscript\\x3e`],
  ['js-escape', (i, k) => `\\u003cimg src=x id=${k} onerror=__xss(${i})\\u003e`],
  ['url-encoded', (i, k) => `%3Cimg%20src%3Dx%20id%3D${k}%20onerror%3D__xss(${i})%3E`],
  ['javascript-bare', (i, k) => `javascript:__xss(${i})//${k}`],
  ['data-bare', (i, k) => `data:text/html,<script>__xss(${i})</script><b id=${k}>`],
  ['vbscript', (i, k) => `<img id=${k} src="vbscript:msgbox(${i})" onerror=__xss(${i})>`],
  ['table-background', (i, k) => `<table id=${k} background="javascript:__xss(${i})"><td>x</td></table>`],
  ['xmp-breakout', (i, k) => `<xmp></xmp><img src=x id=${k} onerror=__xss(${i})>`],
  ['plaintext', (i, k) => `<plaintext id=${k}><img src=x onerror=__xss(${i})>`],
  ['template-tag', (i, k) => `<template id=${k}><img src=x onerror=__xss(${i})></template>`],
  ['slot-shadow', (i, k) => `<slot id=${k} onslotchange=__xss(${i})></slot><div shadowrootmode=open>`],
  [
    'dialog-open',
    (i, k) =>
      `<dialog id=${k} open onclose=__xss(${i})><form method=dialog><button autofocus>x</button></form></dialog>`,
  ],
  ['frameset', (i, k) => `<frameset id=${k} onload=__xss(${i})><frame src="javascript:__xss(${i})">`],
];

/** Deterministic mutations: each a way filters have been got around. */
const mutations: [string, (text: string) => string][] = [
  ['plain', (t) => t],
  // Mixed case tag and attribute names (<ScRiPt>, OnErRoR=).
  [
    'mixed-case',
    (t) =>
      t.replace(/<\/?[a-z]+|\bon[a-z]+=/gi, (s) =>
        [...s].map((c, n) => (n % 2 ? c.toUpperCase() : c.toLowerCase())).join(''),
      ),
  ],
  // Out of a double-quoted attribute first.
  ['break-double', (t) => `"><${t.startsWith('<') ? '' : 'b>'}${t}`],
  // Out of a single-quoted or backtick attribute first.
  ['break-single', (t) => `'\`><${t.startsWith('<') ? '' : 'i>'}${t}`],
  // A null byte inside the tag and the scheme.
  ['null-byte', (t) => t.replace('<', '<\u0000').replace('javascript:', 'java\u0000script:') + '\u0000'],
  // Out of raw-text elements first.
  ['raw-text', (t) => `</textarea></title></style></noscript></script>${t}`],
  // Whitespace that parsers treat as a separator: newlines, tabs, form feeds.
  ['whitespace', (t) => t.replace(/ /g, '\n\t').replace(/<([a-z]+)/i, '<$1\f')],
  // Among Chinese text and a right-to-left mark, as a resident would type it.
  ['in-text', (t) => `网格员反映：${t}\u200f（已核实）`],
  // Double encoded: what decoding twice would turn into markup.
  ['double-encoded', (t) => t.replace(/</g, '&lt;').replace(/>/g, '&#x3e;') + ` ${t.slice(0, 12)}`],
];

/** Every vector, in a fixed order (the same on every run). */
export function allVectors(): Vector[] {
  const seen = new Set<string>();
  const vectors: Vector[] = [];
  let id = 0;
  for (const [mutation, mutate] of mutations) {
    for (const [name, base] of bases) {
      const marker = `gkx${id}`;
      const text = mutate(base(id, marker));
      if (seen.has(text) || !text.includes(marker)) continue;
      seen.add(text);
      vectors.push({ id, marker, text, origin: `${name}/${mutation}` });
      id += 1;
    }
  }
  return vectors;
}

/** `count` vectors spread over every base and mutation (all when `count` ≥ their number). */
export function pickVectors(count: number): Vector[] {
  const all = allVectors();
  if (count >= all.length) return all;
  const step = all.length / count;
  return Array.from({ length: count }, (_, n) => all[Math.floor(n * step)]!);
}
