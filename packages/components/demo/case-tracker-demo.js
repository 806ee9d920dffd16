// The case tracker's demo page (no inline scripts: the server sends a strict CSP).
// ?ticket=…&token=… are read by the tracker itself (read-url), as a link or QR
// code on a receipt would give them; ?layout=kiosk shows it as on a community
// terminal: full width, large text and targets, no sidebar, with a heading and
// one line of instructions in the page's language (?lang=en, as demo.js reads it).
const params = new URLSearchParams(location.search);

/** The kiosk layout's heading and instructions, by the page's language. */
const intro = {
  'zh-CN': ['查询工单办理进度', '请输入回执上的工单号；填写查询码可看到工作人员的说明并评价办理结果。'],
  'zh-TW': ['查詢工單辦理進度', '請輸入回執上的工單號；填寫查詢碼可看到工作人員的說明並評價辦理結果。'],
  en: [
    'Follow your case',
    'Enter the case number on your receipt; add the tracking code to see the staff’s notes and rate the outcome.',
  ],
};

if (params.get('layout') === 'kiosk') {
  document.body.classList.add('kiosk');
  document.querySelector('.masthead')?.remove();
  document.querySelector('.page aside')?.remove();
  const page = document.querySelector('.page');
  // CSSOM, not a style attribute: allowed under the page's Content-Security-Policy.
  Object.assign(page.style, { gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: '1800px', padding: '0 2rem' });
  const tracker = document.querySelector('gk-case-tracker');
  tracker?.setAttribute('layout', 'kiosk');

  const lang = params.get('lang') ?? document.documentElement.lang;
  const [title, instructions] =
    intro[lang] ?? (/^zh-(tw|hk|mo|hant)/i.test(lang) ? intro['zh-TW'] : /^en/i.test(lang) ? intro.en : intro['zh-CN']);
  const header = document.createElement('header');
  header.className = 'kiosk-intro';
  const heading = document.createElement('h1');
  heading.textContent = title;
  const line = document.createElement('p');
  line.textContent = instructions;
  header.append(heading, line);
  page.prepend(header);
  document.title = `${title} · Gridkit`;
}
