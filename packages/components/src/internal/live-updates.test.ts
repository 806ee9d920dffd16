/**
 * Live updates in the read widgets (issue 13): with polling set an hour
 * apart, a widget still shows a change within seconds, because it
 * follows the server's live events (`streamLiveEvents`); a hidden tab holds
 * no stream open, and a server without live events leaves the widget polling.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createGridkitClient } from '@gridkit/sdk';
import '../define/notice-board.js';
import '../define/case-tracker.js';
import '../define/resolution-rate.js';
import '../define/provider.js';
import type { GkCaseTracker } from '../case-tracker/case-tracker.js';
import type { GkNoticeBoard } from '../notice-board/notice-board.js';
import type { GkResolutionRate } from '../resolution-rate/resolution-rate.js';
import type { GkProvider } from '../provider/provider.js';
import { demoStaff, reportCase } from '../test-support/cases.js';
import { hideTab } from '../test-support/network.js';
import { noticeTestGridId, testServer } from '../test-support/server.js';

const text = (el: HTMLElement) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** A client whose live streams the test can count: open until the widget lets go of them. */
function countingClient() {
  let open = 0;
  let opened = 0;
  const client = createGridkitClient({
    baseUrl: testServer.apiUrl,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input instanceof Request ? input.url : input).includes('/live?') || !response.body) return response;
      open += 1;
      opened += 1;
      const reader = response.body.getReader();
      let closed = false;
      const close = () => {
        if (!closed) open -= 1;
        closed = true;
      };
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
          if (done) {
            close();
            controller.close();
          } else controller.enqueue(value);
        },
        cancel() {
          close();
          return reader.cancel();
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    },
  });
  return { client, open: () => open, opened: () => opened };
}

describe('live updates', () => {
  it('shows a notice posted a moment ago, though the board polls only hourly', async () => {
    const el = await fixture<GkNoticeBoard>(
      html`<gk-notice-board
        refresh="3600"
        base-url=${testServer.apiUrl}
        grid-id=${noticeTestGridId}
      ></gk-notice-board>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('.board'), 'no board', { timeout: 8000 });
    // The stream opens once the board is shown.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { admin } = await demoStaff();
    const title = `临时停电通知 ${Date.now()}`;
    const notice = await admin.notices.create(noticeTestGridId, {
      title,
      body: '今晚 20:00–22:00 检修线路。',
      kind: 'alert',
    });
    try {
      await waitUntil(() => text(el).includes(title), 'the new notice did not show', { timeout: 5000 });
    } finally {
      await admin.notices.retire(notice.id, '测试结束');
    }
    await waitUntil(() => !text(el).includes(title), 'the retired notice stayed', { timeout: 5000 });
  });

  it('shows a case’s new status as staff move it, though the tracker polls only hourly', async () => {
    const receipt = await reportCase('submitted');
    const el = await fixture<GkCaseTracker>(
      html`<gk-case-tracker
        refresh="3600"
        base-url=${testServer.apiUrl}
        ticket=${receipt.ticket}
        token=${receipt.trackingToken}
      ></gk-case-tracker>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('.case'), 'no case', { timeout: 8000 });
    expect(text(el)).to.include('已提交，等待受理');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { admin } = await demoStaff();
    const current = await admin.cases.get(receipt.id);
    await admin.cases.transition(
      receipt.id,
      { action: 'accept', publicNote: '已受理，网格员今天联系您' },
      {
        version: current.version,
      },
    );
    await waitUntil(() => text(el).includes('已受理，网格员今天联系您'), 'the new status did not show', {
      timeout: 5000,
    });
  });

  it('shows a new report in the figures, though they poll only hourly', async () => {
    const el = await fixture<GkResolutionRate>(
      html`<gk-resolution-rate
        refresh="3600"
        base-url=${testServer.apiUrl}
        grid-id=${noticeTestGridId}
      ></gk-resolution-rate>`,
    );
    const received = () =>
      Number(el.shadowRoot!.querySelector('[part="figure"] .value')?.textContent?.replace(/\D/g, '') || NaN);
    await waitUntil(() => !Number.isNaN(received()), 'no figures', { timeout: 8000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = received();
    await reportCase('submitted', { gridId: noticeTestGridId });
    await waitUntil(() => received() > before, 'the new report did not show in the figures', { timeout: 5000 });
  });

  it('holds no stream open while its tab is hidden, and follows again when it is shown', async () => {
    const counting = countingClient();
    const provider = await fixture<GkProvider>(
      html`<gk-provider .client=${counting.client} grid-id=${noticeTestGridId}>
        <gk-notice-board refresh="3600"></gk-notice-board>
      </gk-provider>`,
    );
    const board = provider.querySelector('gk-notice-board')!;
    await waitUntil(() => board.shadowRoot!.querySelector('.board'), 'no board', { timeout: 8000 });
    await waitUntil(() => counting.open() === 1, 'no live stream while shown', { timeout: 3000 });
    const show = hideTab();
    try {
      await waitUntil(() => counting.open() === 0, 'a stream stayed open in a hidden tab', { timeout: 3000 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(counting.open()).to.equal(0);
    } finally {
      show();
    }
    await waitUntil(() => counting.open() === 1, 'no stream after the tab was shown', { timeout: 3000 });
    expect(counting.opened()).to.equal(2);
  });

  it('keeps polling when the server has no live events for it', async () => {
    // A server that answers 404 to the live stream (an older backend): the widget neither fails nor retries it.
    let liveTries = 0;
    let boardLoads = 0;
    const client = createGridkitClient({
      baseUrl: testServer.apiUrl,
      fetch: (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (url.includes('/live?')) {
          liveTries += 1;
          return Promise.resolve(
            new Response(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404 }), {
              status: 404,
              headers: { 'Content-Type': 'application/problem+json' },
            }),
          );
        }
        if (url.includes('/notice-board')) boardLoads += 1;
        return fetch(input, init);
      },
    });
    const provider = await fixture<GkProvider>(
      html`<gk-provider .client=${client} grid-id=${noticeTestGridId}>
        <gk-notice-board refresh="1"></gk-notice-board>
      </gk-provider>`,
    );
    const board = provider.querySelector('gk-notice-board')!;
    await waitUntil(() => board.shadowRoot!.querySelector('.board'), 'no board', { timeout: 8000 });
    await waitUntil(() => boardLoads >= 3, 'polling stopped', { timeout: 5000 });
    expect(liveTries).to.equal(1);
    expect(board.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });
});
