import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createGridkitClient } from '@gridkit/sdk';
import '../define/notice-board.js';
import type { GkNoticeBoard } from './notice-board.js';
import type { NoticeBoard } from '@gridkit/sdk';
import type { GkProvider } from '../provider/provider.js';
import { demoGridId, noticeTestGridId, testServer } from '../test-support/server.js';
import { runDesignedStatesSuite } from '../test-support/designed-states-suite.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const text = (el: HTMLElement) => shadow(el).textContent!.replace(/\s+/g, ' ');

async function loaded(el: GkNoticeBoard) {
  await waitUntil(() => shadow(el).querySelector('.board, [role="alert"]'), 'board did not render', { timeout: 8000 });
  return el;
}

async function board(lang = 'zh-CN', layout = 'card', gridId = demoGridId) {
  return loaded(
    await fixture<GkNoticeBoard>(
      html`<gk-notice-board
        lang=${lang}
        layout=${layout}
        base-url=${testServer.apiUrl}
        grid-id=${gridId}
      ></gk-notice-board>`,
    ),
  );
}

runDesignedStatesSuite({
  tag: 'gk-notice-board',
  readWidget: true,
  needsGrid: true,
  providerAttributes: { 'grid-id': demoGridId },
  ready: { what: 'the board', when: (root) => root.querySelector('.board') !== null },
  notFound: { attributes: { 'grid-id': 'grd_nope' }, text: '没有找到该网格' },
});

describe('<gk-notice-board>', () => {
  it('shows the grid, its leader with a work phone to call, the team by role and the notices', async () => {
    const el = await board();
    const api = await createGridkitClient({ baseUrl: testServer.apiUrl }).notices.board(demoGridId);
    const root = shadow(el);
    expect(root.querySelector('h2')!.textContent).to.equal(api.grid.name);
    expect(text(el)).to.include(api.grid.path.map((p) => p.name).join(' › '));
    const leader = root.querySelector('[part="leader"]')!;
    expect(leader.textContent).to.include(api.leader!.name);
    expect(leader.textContent).to.include('网格长');
    const tel = leader.querySelector<HTMLAnchorElement>('a[href^="tel:"]')!;
    expect(tel.getAttribute('href')).to.equal(`tel:${api.leader!.workPhone!.replace(/[^\d+]/g, '')}`);
    expect(tel.textContent).to.include(api.leader!.workPhone!);
    expect(tel.textContent).to.include(api.leader!.name);
    for (const duty of api.leader!.duties) expect(leader.textContent).to.include(duty);
    const groups = [...root.querySelectorAll('[part="team"] h4')].map((h) => h.textContent);
    expect(groups.length).to.equal(new Set(api.team.map((m) => m.role)).size);
    for (const member of api.team) expect(root.querySelector('[part="team"]')!.textContent).to.include(member.name);
    const titles = [...root.querySelectorAll('[part="notice"] h4')].map((h) =>
      h.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(titles.length).to.equal(api.notices.length);
    api.notices.forEach((notice, i) => expect(titles[i]).to.include(notice.title));
    await expect(el).to.be.accessible();
  });

  it('speaks zh-TW and English, and follows a lang change on an ancestor at run time', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="zh-TW">
        <gk-notice-board base-url=${testServer.apiUrl} grid-id=${demoGridId}></gk-notice-board>
      </div>`,
    );
    const el = await loaded(wrapper.querySelector('gk-notice-board')!);
    expect(text(el)).to.include('網格長');
    expect(text(el)).to.include('服務時間');
    wrapper.lang = 'en';
    await waitUntil(() => text(el).includes('Grid leader'), 'did not switch to English');
    expect(text(el)).to.include('Service hours');
    expect(text(el)).not.to.include('網格長');
    await expect(el).to.be.accessible();
  });

  it('shows text from the API as text, never as markup', async () => {
    const admin = testServer.tokens.find((t) => t.role === 'admin')!;
    const staff = createGridkitClient({ baseUrl: testServer.apiUrl, token: admin.token });
    const hostile = '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script>';
    const notice = await staff.notices.create(noticeTestGridId, {
      title: `停水通知 ${hostile}`,
      body: `正文 ${hostile}`,
      kind: 'alert',
      pinned: true,
    });
    try {
      const el = await board('zh-CN', 'card', noticeTestGridId);
      const first = shadow(el).querySelector('[part="notice"]')!;
      expect(first.textContent).to.include(hostile);
      expect(shadow(el).querySelector('img:not(.avatar), script')).to.equal(null);
      expect((window as unknown as { hacked?: number }).hacked).to.equal(undefined);
    } finally {
      await staff.notices.retire(notice.id, '测试结束');
    }
  });

  it('has a kiosk layout with large text and large touch targets', async () => {
    const card = await board('zh-CN', 'card');
    const kiosk = await board('zh-CN', 'kiosk');
    const size = (el: HTMLElement) => parseFloat(getComputedStyle(shadow(el).querySelector('.board')!).fontSize);
    expect(size(kiosk)).to.be.greaterThan(size(card) * 1.4);
    const tel = shadow(kiosk).querySelector('a[href^="tel:"]')!;
    expect(tel.getBoundingClientRect().height).to.be.at.least(64);
    await expect(kiosk).to.be.accessible();
  });

  it('shares one client among the widgets under a provider', async () => {
    const seen: string[] = [];
    const client = createGridkitClient({
      baseUrl: testServer.apiUrl,
      fetch: (input, init) => {
        seen.push(new Request(input as Request, init).url);
        return fetch(input, init);
      },
    });
    const provider = await fixture<GkProvider>(
      html`<gk-provider .client=${client} grid-id=${demoGridId}>
        <gk-notice-board></gk-notice-board>
        <gk-notice-board layout="compact"></gk-notice-board>
      </gk-provider>`,
    );
    await Promise.all([...provider.querySelectorAll('gk-notice-board')].map(loaded));
    expect(seen.filter((url) => url.endsWith(`/grids/${demoGridId}/notice-board`))).to.have.length(2);
  });

  it('builds its client from the provider’s base-url and grid-id', async () => {
    const provider = await fixture<GkProvider>(
      html`<gk-provider base-url=${testServer.apiUrl} grid-id=${demoGridId}
        ><gk-notice-board></gk-notice-board
      ></gk-provider>`,
    );
    const el = await loaded(provider.querySelector('gk-notice-board')!);
    expect(shadow(el).querySelector('.board')).not.to.equal(null);
  });

  it('refreshes on its interval only while it is on screen', async () => {
    const calls: number[] = [];
    const client = createGridkitClient({
      baseUrl: testServer.apiUrl,
      fetch: (input, init) => {
        // Board loads only (once on screen the board also opens its live stream).
        if (String(input instanceof Request ? input.url : input).includes('/notice-board')) calls.push(Date.now());
        return fetch(input, init);
      },
    });
    const provider = await fixture<GkProvider>(
      html`<gk-provider .client=${client} grid-id=${demoGridId}>
        <div style="margin-top: 300vh"><gk-notice-board refresh="1"></gk-notice-board></div>
      </gk-provider>`,
    );
    const el = await loaded(provider.querySelector('gk-notice-board')!);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(calls, 'no reloads while off screen').to.have.length(1);
    el.scrollIntoView();
    await waitUntil(() => calls.length >= 2, 'no reload once on screen', { timeout: 4000 });
    window.scrollTo(0, 0);
  });

  it('hides a notice the moment it expires, without waiting for a refresh', async () => {
    const admin = testServer.tokens.find((t) => t.role === 'admin')!;
    const staff = createGridkitClient({ baseUrl: testServer.apiUrl, token: admin.token });
    const title = `限时通知 ${Date.now()}`;
    await staff.notices.create(noticeTestGridId, {
      title,
      body: '三秒后过期',
      kind: 'alert',
      expiresAt: new Date(Date.now() + 3000).toISOString(),
    });
    const el = await loaded(
      await fixture<GkNoticeBoard>(
        html`<gk-notice-board refresh="0" base-url=${testServer.apiUrl} grid-id=${noticeTestGridId}></gk-notice-board>`,
      ),
    );
    expect(text(el)).to.include(title);
    await waitUntil(() => !text(el).includes(title), 'the expired notice stayed on the board', { timeout: 6000 });
  });
});

describe('<gk-notice-board> words for residents', () => {
  const api = createGridkitClient({ baseUrl: testServer.apiUrl });

  /** The first board (over the seed's grids) whose team passes `test`. */
  async function boardWhere(test: (board: NoticeBoard) => boolean): Promise<NoticeBoard> {
    for await (const grid of api.grids.iterate({ level: 'grid' })) {
      const found = await api.notices.board(grid.id);
      if (test(found)) return found;
    }
    throw new Error('no such board in the seed');
  }

  const shownAt = async (gridId: string, lang: string, width = '') =>
    loaded(
      await fixture<GkNoticeBoard>(
        html`<gk-notice-board
          lang=${lang}
          style=${width ? `display:block;inline-size:${width}` : ''}
          base-url=${testServer.apiUrl}
          grid-id=${gridId}
        ></gk-notice-board>`,
      ),
    );

  it('uses the API’s label for a role over its own (楼院长, not 楼栋长)', async () => {
    const found = await boardWhere((b) => b.team.some((m) => m.roleLabel?.['zh-CN'] === '楼院长'));
    const el = await shownAt(found.grid.id, 'zh-CN');
    const headings = [...shadow(el).querySelectorAll('[part="team"] h4')].map((h) => h.textContent!.trim());
    expect(headings).to.include('楼院长');
    expect(headings).not.to.include('楼栋长');
  });

  it('shows every team member’s duties beside their name', async () => {
    const found = await boardWhere((b) => b.team.some((m) => m.duties.length > 0));
    const el = await shownAt(found.grid.id, 'zh-CN');
    const members = [...shadow(el).querySelectorAll('[part="member"]')];
    expect(members).to.have.length(found.team.length);
    found.team.forEach((member, i) => {
      const box = members.find((m) => m.querySelector('.name')!.textContent === member.name) ?? members[i]!;
      for (const duty of member.duties) expect(box.textContent, member.name).to.include(duty);
    });
  });

  it('keeps a member without a phone off the line of another member’s number, and phone numbers whole, in English', async () => {
    const found = await boardWhere(
      (b) => b.team.some((m) => !m.workPhone) && b.team.filter((m) => m.workPhone).length >= 2,
    );
    for (const width of ['', '360px', '260px']) {
      const el = await shownAt(found.grid.id, 'en', width);
      const members = [...shadow(el).querySelectorAll<HTMLElement>('[part="member"]')];
      const links = members.flatMap((m) =>
        [...m.querySelectorAll<HTMLElement>('a[href^="tel:"]')].map((a) => ({ m, a })),
      );
      for (const member of members.filter((m) => !m.querySelector('a[href^="tel:"]'))) {
        const name = member.querySelector('.name')!.getBoundingClientRect();
        for (const { m, a } of links) {
          if (m === member) continue;
          const link = a.getBoundingClientRect();
          const sameLine = name.top < link.bottom - 1 && link.top < name.bottom - 1;
          expect(sameLine, `${width}: ${member.textContent} beside ${a.textContent}`).to.equal(false);
        }
      }
      // Each number is one piece on one line.
      for (const number of shadow(el).querySelectorAll<HTMLElement>('.phone-number')) {
        expect(getComputedStyle(number).whiteSpace, width).to.equal('nowrap');
        expect(number.getClientRects().length, `${width}: ${number.textContent} broke`).to.equal(1);
      }
      await expect(el).to.be.accessible();
    }
  });
});
