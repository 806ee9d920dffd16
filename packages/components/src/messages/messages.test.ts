import { expect } from '@open-wc/testing';
import { commonMessages, loadTexts, textsIn, toLocale, type Catalog, type Locale } from './index.js';
import { noticeBoardMessages } from '../notice-board/messages.js';
import { resolutionRateMessages } from '../resolution-rate/messages.js';
import { caseTrackerMessages } from '../case-tracker/messages.js';
import { issueReporterMessages } from '../issue-reporter/messages.js';
import { issueReporterLaterMessages } from '../issue-reporter/messages.later.js';
import { serviceLogFormMessages } from '../service-log-form/messages.js';
import { kioskMessages } from '../kiosk/messages.js';
import '../define/case-tracker.js';

const keysOf = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object'
    ? Object.entries(value).flatMap(([key, inner]) => keysOf(inner, `${prefix}${key}.`))
    : [prefix.slice(0, -1)];

/** Every widget's catalog: a new widget adds its catalog here. */
const catalogs: Record<string, Catalog<object>> = {
  noticeBoard: noticeBoardMessages,
  resolutionRate: resolutionRateMessages,
  caseTracker: caseTrackerMessages,
  issueReporter: issueReporterMessages,
  issueReporterLater: issueReporterLaterMessages,
  serviceLogForm: serviceLogFormMessages,
  kiosk: kioskMessages,
};

/** A catalog's texts in every language, the lazy ones loaded as a widget would load them. */
async function textsOf(catalog: Catalog<object>): Promise<Record<Locale, object>> {
  await Promise.all([loadTexts(catalog, 'zh-TW'), loadTexts(catalog, 'en')]);
  const texts = { 'zh-CN': textsIn(catalog, 'zh-CN'), 'zh-TW': textsIn(catalog, 'zh-TW'), en: textsIn(catalog, 'en') };
  for (const [locale, value] of Object.entries(texts)) expect(value, `${locale} loaded`).to.be.an('object');
  return texts as Record<Locale, object>;
}

const allTexts = async (): Promise<Record<string, Record<Locale, object>>> => ({
  common: commonMessages,
  ...Object.fromEntries(
    await Promise.all(Object.entries(catalogs).map(async ([name, catalog]) => [name, await textsOf(catalog)])),
  ),
});

describe('message catalogs', () => {
  // First in the file: no test before it has loaded the English texts yet.
  it('a widget rendered in English waits for its English texts, then shows no Chinese', async () => {
    expect(textsIn(caseTrackerMessages, 'en'), 'not loaded before the widget asks').to.equal(undefined);
    const el = document.createElement('gk-case-tracker');
    el.setAttribute('lang', 'en');
    document.body.append(el);
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const text = el.shadowRoot?.textContent ?? '';
    expect(text).to.include('Look up');
    expect(text).not.to.match(/[\u4e00-\u9fff]/);
    el.remove();
  });

  for (const name of ['common', ...Object.keys(catalogs)]) {
    for (const locale of ['zh-TW', 'en'] as const) {
      it(`${name}: ${locale} has every key zh-CN has, and no other`, async () => {
        const texts = (await allTexts())[name]!;
        expect(keysOf(texts[locale]).sort()).to.deep.equal(keysOf(texts['zh-CN']).sort());
      });
    }
  }

  it('English texts use English punctuation (no full-width colon, comma, parentheses or list mark)', async () => {
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
    for (const [name, catalog] of Object.entries(await allTexts())) {
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
