import { expect } from '@open-wc/testing';
import { catalogs, toLocale } from './index.js';

const keysOf = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object'
    ? Object.entries(value).flatMap(([key, inner]) => keysOf(inner, `${prefix}${key}.`))
    : [prefix.slice(0, -1)];

describe('message catalogs', () => {
  for (const locale of ['zh-TW', 'en'] as const) {
    it(`${locale} has every key zh-CN has, and no other`, () => {
      expect(keysOf(catalogs[locale]).sort()).to.deep.equal(keysOf(catalogs['zh-CN']).sort());
    });
  }

  it('maps language tags to catalogs', () => {
    expect(['zh', 'zh-CN', 'zh-Hans', 'zh-SG', 'fr', ''].map(toLocale)).to.deep.equal(Array(6).fill('zh-CN'));
    expect(['zh-TW', 'zh-HK', 'zh-Hant-TW', 'zh-MO'].map(toLocale)).to.deep.equal(Array(4).fill('zh-TW'));
    expect(['en', 'en-GB', 'en-US'].map(toLocale)).to.deep.equal(Array(3).fill('en'));
  });
});
