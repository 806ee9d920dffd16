// Reads the fenced code blocks of a Markdown guide, with the HTML comment
// (if any) on the line right before each: `<!-- not-run: why -->` marks a
// block that cannot run on its own in Node.
import { readFileSync } from 'node:fs';

export interface DocBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
  /** The reason given in a `<!-- not-run: … -->` comment before the block. */
  notRun?: string;
}

export function codeBlocks(file: string, langs: string[]): DocBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const [, fence, lang] = open;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.startsWith(fence!)) end++;
    if (langs.includes(lang!)) {
      let before = i - 1;
      while (before >= 0 && lines[before]!.trim() === '') before--;
      const marker = before >= 0 ? /^<!--\s*not-run:\s*(.+?)\s*-->$/.exec(lines[before]!.trim()) : null;
      blocks.push({ file, line: i + 1, lang: lang!, code: lines.slice(i + 1, end).join('\n'), notRun: marker?.[1] });
    }
    i = end;
  }
  return blocks;
}
