import { expect } from '@open-wc/testing';
import { commonMessages, toLocale, type Catalog } from './index.js';
import { noticeBoardMessages } from '../notice-board/messages.js';
import { resolutionRateMessages } from '../resolution-rate/messages.js';
import { caseTrackerMessages } from '../case-tracker/messages.js';
import { issueReporterMessages } from '../issue-reporter/messages.js';
import { serviceLogFormMessages } from '../service-log-form/messages.js';

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
  issueReporter: issueReporterMessages,
  serviceLogForm: serviceLogFormMessages,
};

describe('message catalogs', () => {
  for (const [name, catalog] of Object.entries(catalogs)) {
    for (const locale of ['zh-TW', 'en'] as const) {
      it(`${name}: ${locale} has every key zh-CN has, and no other`, () => {
        expect(keysOf(catalog[locale]).sort()).to.deep.equal(keysOf(catalog['zh-CN']).sort());
      });
    }
  }

  it('English texts use English punctuation (no full-width colon, comma, parentheses or list mark)', () => {
    /** Every text of a catalog: strings as they are, functions called with sample arguments. */
    const texts = (value: unknown): string[] => {
      if (typeof value === 'string') return [value];
      if (typeof value === 'function') {
        try {
          return texts((value as (...args: string[]) => unknown)('A', 'B', 'C'));
        } catch {
          return [];
        }
      }
      if (value && typeof value === 'object') return Object.values(value).flatMap(texts);
      return [];
    };
    for (const [name, catalog] of Object.entries(catalogs)) {
      const wrong = texts(catalog.en).filter((text) => /[：；（），、。]/.test(text));
      expect(wrong, name).to.deep.equal([]);
    }
  });

  it('maps language tags to catalogs', () => {
    expect(['zh', 'zh-CN', 'zh-Hans', 'zh-SG', 'fr', ''].map(toLocale)).to.deep.equal(Array(6).fill('zh-CN'));
    expect(['zh-TW', 'zh-HK', 'zh-Hant-TW', 'zh-MO'].map(toLocale)).to.deep.equal(Array(4).fill('zh-TW'));
    expect(['en', 'en-GB', 'en-US'].map(toLocale)).to.deep.equal(Array(3).fill('en'));
  });
});
