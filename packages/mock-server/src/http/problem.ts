import { problemType, type components } from '@gridkit/sdk';
import type { DomainError, Issue, ProblemSlug } from '../domain/errors.js';

/** The languages problems are written in (the contract's `Content-Language`). */
export type Locale = components['headers']['ContentLanguage'];

const titles: Record<ProblemSlug, Record<Locale, string>> = {
  'validation-failed': {
    'zh-CN': '请求不符合接口规范',
    'zh-TW': '請求不符合介面規範',
    en: 'Request does not match the contract',
  },
  unauthenticated: {
    'zh-CN': '需要有效的工作人员令牌',
    'zh-TW': '需要有效的工作人員權杖',
    en: 'A valid staff token is required',
  },
  forbidden: { 'zh-CN': '无权操作', 'zh-TW': '無權操作', en: 'Not allowed' },
  'invalid-tracking-token': { 'zh-CN': '查询码不正确', 'zh-TW': '查詢碼不正確', en: 'Tracking token does not match' },
  'not-independent': { 'zh-CN': '需由他人核查', 'zh-TW': '需由他人核查', en: 'Needs an independent check' },
  'not-found': { 'zh-CN': '未找到', 'zh-TW': '找不到', en: 'Not found' },
  'invalid-transition': {
    'zh-CN': '当前状态不允许此操作',
    'zh-TW': '目前狀態不允許此操作',
    en: 'Action not allowed in the current state',
  },
  'idempotency-key-in-flight': {
    'zh-CN': '相同请求正在处理',
    'zh-TW': '相同請求正在處理',
    en: 'The same request is still being processed',
  },
  'already-evaluated': { 'zh-CN': '该工单已评价', 'zh-TW': '該工單已評價', en: 'Case already evaluated' },
  'case-not-closed': { 'zh-CN': '工单尚未办结', 'zh-TW': '工單尚未辦結', en: 'Case is not closed yet' },
  'dispute-window-closed': {
    'zh-CN': '已超过异议期限',
    'zh-TW': '已超過異議期限',
    en: 'The dispute window has closed',
  },
  'notice-already-retired': { 'zh-CN': '公告已撤下', 'zh-TW': '公告已撤下', en: 'Notice already retired' },
  'stale-version': { 'zh-CN': '工单已被他人更新', 'zh-TW': '工單已被他人更新', en: 'Case was changed by someone else' },
  'payload-too-large': { 'zh-CN': '文件过大', 'zh-TW': '檔案過大', en: 'Payload too large' },
  'unsupported-media-type': { 'zh-CN': '不支持的文件类型', 'zh-TW': '不支援的檔案類型', en: 'Unsupported media type' },
  unprocessable: { 'zh-CN': '请求内容无法处理', 'zh-TW': '請求內容無法處理', en: 'Request cannot be processed' },
  'idempotency-key-reused': {
    'zh-CN': '幂等键已用于其他请求',
    'zh-TW': '冪等鍵已用於其他請求',
    en: 'Idempotency key reused with a different request',
  },
  'rate-limited': { 'zh-CN': '请求过于频繁', 'zh-TW': '請求過於頻繁', en: 'Too many requests' },
  'service-unavailable': {
    'zh-CN': '服务暂时不可用',
    'zh-TW': '服務暫時無法使用',
    en: 'Service temporarily unavailable',
  },
  'internal-error': { 'zh-CN': '服务器内部错误', 'zh-TW': '伺服器內部錯誤', en: 'Internal server error' },
};

/** Picks the best of our three languages from `Accept-Language`; zh-CN when nothing matches. */
export function negotiateLocale(header: string | null | undefined): Locale {
  const wanted = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    if (tag === 'zh-tw' || tag === 'zh-hk' || tag === 'zh-mo' || tag === 'zh-hant' || tag.startsWith('zh-hant-'))
      return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export interface ProblemInit {
  status: number;
  slug: ProblemSlug;
  detail: string;
  issues?: Issue[];
  headers?: Record<string, string>;
}

export function problemFromError(error: DomainError): ProblemInit {
  return { status: error.status, slug: error.slug, detail: error.detail, issues: error.issues, headers: error.headers };
}

/** An RFC 9457 response. `title` follows the locale; `detail` is written for developers, in English. */
export function problemResponse(init: ProblemInit, locale: Locale, requestId: string, instance: string): Response {
  const body = {
    type: problemType(init.slug),
    title: titles[init.slug][locale],
    status: init.status,
    detail: init.detail,
    instance,
    requestId,
    ...(init.issues && init.issues.length > 0 ? { errors: init.issues } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: init.status,
    headers: {
      'Content-Type': 'application/problem+json',
      'Content-Language': locale,
      // The body's requestId in the header too, on every problem (an unknown route's included).
      'X-Request-Id': requestId,
      ...init.headers,
    },
  });
}
