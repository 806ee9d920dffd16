import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createGridkitCore } from '@gridkit/sdk/core';
import './define/notice-board.js';
import { gridkitContext, provideGridkit } from './context.js';
import { demoGridId, testServer } from './test-support/server.js';

const heading = (board: Element) => board.shadowRoot!.querySelector('h2')?.textContent ?? '';

async function gridName(id: string): Promise<string> {
  const response = await fetch(`${testServer.apiUrl}/grids/${id}`);
  return ((await response.json()) as { name: string }).name;
}

async function anotherGridId(): Promise<string> {
  const response = await fetch(`${testServer.apiUrl}/grids?level=grid&limit=2`);
  const { items } = (await response.json()) as { items: { id: string }[] };
  return items.find((grid) => grid.id !== demoGridId)!.id;
}

describe('the settings context', () => {
  it('provideGridkit() gives a plain element’s widgets their client and grid, and setValue() moves them to another grid', async () => {
    const host = await fixture<HTMLDivElement>(html`<div><gk-notice-board></gk-notice-board></div>`);
    const core = createGridkitCore({ baseUrl: testServer.apiUrl });
    const board = host.querySelector('gk-notice-board')!;
    // The board connected before the provider existed: a provider made later answers its next request.
    board.remove();
    const provider = provideGridkit(host, { core, gridId: demoGridId });
    host.append(board);
    const first = await gridName(demoGridId);
    await waitUntil(() => heading(board) === first, `the board did not show ${first}`, { timeout: 8000 });

    const other = await anotherGridId();
    const second = await gridName(other);
    provider.setValue({ core, gridId: other });
    await waitUntil(() => heading(board) === second, `the board did not move to ${second}`, { timeout: 8000 });
  });

  it('answers to a provider of another library that speaks the context protocol for the same key', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const core = createGridkitCore({ baseUrl: testServer.apiUrl });
    let subscribed = false;
    host.addEventListener('context-request', (event) => {
      const request = event as Event & {
        context: unknown;
        subscribe?: boolean;
        callback: (value: unknown, unsubscribe?: () => void) => void;
      };
      if (request.context !== gridkitContext) return;
      event.stopPropagation();
      subscribed ||= request.subscribe === true;
      request.callback({ core, gridId: demoGridId }, () => undefined);
    });
    const board = document.createElement('gk-notice-board');
    host.append(board);
    const name = await gridName(demoGridId);
    await waitUntil(() => heading(board) === name, `the board did not show ${name}`, { timeout: 8000 });
    expect(subscribed, 'the widget subscribes to later changes').to.equal(true);
  });

  it('a widget removed from the page stops receiving its provider’s changes', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const core = createGridkitCore({ baseUrl: testServer.apiUrl });
    const provider = provideGridkit(host, { core, gridId: demoGridId });
    const board = document.createElement('gk-notice-board');
    host.append(board);
    const name = await gridName(demoGridId);
    await waitUntil(() => heading(board) === name, 'the board did not load', { timeout: 8000 });
    board.remove();
    provider.setValue({ core, gridId: await anotherGridId() });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heading(board)).to.equal(name);
  });
});
