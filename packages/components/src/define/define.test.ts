import { expect } from '@open-wc/testing';
import { GkNoticeBoard } from '../index.js';
import { define } from '../internal/registry.js';
import './index.js';

describe('registration', () => {
  it('registers the gk- tags', () => {
    expect(customElements.get('gk-notice-board')).to.equal(GkNoticeBoard);
    for (const tag of [
      'gk-provider',
      'gk-resolution-rate',
      'gk-case-tracker',
      'gk-service-log-form',
      'gk-issue-reporter',
    ]) {
      expect(customElements.get(tag), tag).not.to.equal(undefined);
    }
  });

  it('warns instead of throwing when a second copy registers the same tag', () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      class SecondCopy extends GkNoticeBoard {}
      expect(() => define('gk-notice-board', SecondCopy)).not.to.throw();
      expect(customElements.get('gk-notice-board')).to.equal(GkNoticeBoard);
      expect(String(warnings[0])).to.include('gk-notice-board');
    } finally {
      console.warn = original;
    }
  });

  it('lets vendors register the classes under their own tag', () => {
    class CityBoard extends GkNoticeBoard {}
    define('city-notice-board', CityBoard);
    expect(document.createElement('city-notice-board')).to.be.instanceOf(GkNoticeBoard);
  });
});
