import { expect } from '@open-wc/testing';
import { commonMessages, toLocale, type Catalog } from './index.js';
import { noticeBoardMessages } from '../notice-board/messages.js';
import { resolutionRateMessages } from '../resolution-rate/messages.js';
import { caseTrackerMessages } from '../case-tracker/messages.js';

const keysOf = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object'
    ? Object.entries(value).flatMap(([key, inner]) => keysOf(inner, `${prefix}${key}.`))
    : [prefix.slice(0, -1)];

/** Every widget's catalog: a new widget adds its catalog here. */
const catalogs: Record<string, Catalog<object>> = {
  common: commonMessages,
  noticeBoard: noticeBoardMessages,
  resolutionRate: resolutionRateMessages,
  caseTracker: caseTrackerMessages,
};

describe('message catalogs', () => {
  for (const [name, catalog] of Object.entries(catalogs)) {
    for (const locale of ['zh-TW', 'en'] as const) {
      it(`${name}: ${locale} has every key zh-CN has, and no other`, () => {
        expect(keysOf(catalog[locale]).sort()).to.deep.equal(keysOf(catalog['zh-CN']).sort());
      });
    }
  }

  it('maps language tags to catalogs', () => {
    expect(['zh', 'zh-CN', 'zh-Hans', 'zh-SG', 'fr', ''].map(toLocale)).to.deep.equal(Array(6).fill('zh-CN'));
    expect(['zh-TW', 'zh-HK', 'zh-Hant-TW', 'zh-MO'].map(toLocale)).to.deep.equal(Array(4).fill('zh-TW'));
    expect(['en', 'en-GB', 'en-US'].map(toLocale)).to.deep.equal(Array(3).fill('en'));
  });
});
