import { defineMessages } from './catalog.js';
import { zhCN } from './zh-CN.js';

/**
 * The texts every widget shares, as a catalog like a widget's own: zh-CN
 * bundled, zh-TW and en loaded the first time a widget shows them, so a page
 * carries only the languages it shows.
 */
export const commonCatalog = defineMessages({
  'zh-CN': zhCN,
  'zh-TW': () => import('./zh-TW.js').then((module) => ({ default: module.zhTW })),
  en: () => import('./en.js').then((module) => ({ default: module.en })),
});
