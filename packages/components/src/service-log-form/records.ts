/**
 * Today's entries and the month's summary (the 为民服务事项登记表 summed
 * monthly), with their texts and styles, in a chunk of their own: the form
 * shows without them, and they load while the worker's session is asked for.
 */
import { html, nothing } from 'lit';
import { isGridkitError, type ServiceLog, type ServiceLogInput, type ServiceLogSummary } from '@gridkit/sdk/core';
import type { ServiceLogOutboxEntry } from '@gridkit/sdk/outbox';
import type { LocalizeController } from '../internal/localize.js';
import { renderLoading, renderProblem } from '../internal/states.js';
import type { StatusRenderer } from '../internal/task.js';
import type { CommonMessages } from '../messages/catalog.js';
import type { ServiceLogFormMessages } from './messages.js';
import type { ServiceLogRecordsMessages } from './messages.records.js';
import { dayStart, shanghaiDate } from './service-day.js';

export { serviceLogRecordsMessages } from './messages.records.js';
export { recordsStyles } from './records.styles.js';

type Messages = CommonMessages & ServiceLogFormMessages & ServiceLogRecordsMessages;

/** A `Task` as these sections read it. */
interface Loaded<T> {
  value?: T;
  render(renderer: StatusRenderer<T>): unknown;
  run(): unknown;
}

interface RecordsView {
  m: Messages;
  localize: Pick<LocalizeController, 'number' | 'date'>;
  today: Loaded<{ gridId: string; items: ServiceLog[] } | undefined>;
  month: Loaded<ServiceLogSummary | undefined>;
  /** Today's entries for this grid still waiting on the device. */
  pending: readonly ServiceLogOutboxEntry[];
}

export function renderToday(view: RecordsView) {
  const { m, today } = view;
  const value = today.value;
  const body = today.render({
    initial: () => renderLoading(m),
    pending: () => (value ? renderEntries(view, value.items) : renderLoading(m)),
    complete: (result) => (result ? renderEntries(view, result.items) : nothing),
    // A 403 is explained above the form (the grid is outside the worker's jurisdiction).
    error: (error) =>
      isGridkitError(error) && error.status === 403 ? nothing : renderProblem(m, error, () => void today.run()),
  });
  return html`<section class="today card-surface" part="today" aria-labelledby="today-title">
    <h3 id="today-title">${m.todayTitle}</h3>
    ${body}
  </section>`;
}

function renderEntries({ m, localize, pending }: RecordsView, items: ServiceLog[]) {
  if (items.length === 0 && pending.length === 0) return html`<p class="empty">${m.todayEmpty}</p>`;
  const time = (at: string) => localize.date(at, { hour: '2-digit', minute: '2-digit' });
  const entry = (log: ServiceLogInput, at: string, waiting: boolean, id: string) =>
    html`<li class="log" part="entry" data-id=${id}>
      <div class="log-head">
        <time datetime=${at}>${time(at)}</time>
        <strong class="log-kind">${m.kinds[log.kind] ?? log.kind}</strong>
        <span class="log-minutes">${m.minutesShort(localize.number(log.minutes))}</span>
        <span class="log-outcome">${m.outcomes[log.outcome] ?? log.outcome}</span>
        ${waiting ? html`<span class="badge pending">${m.pending}</span>` : nothing}
      </div>
      <p class="log-summary">${log.summary}</p>
      <p class="log-meta">
        ${log.subjectGroups.map((g) => m.groups[g] ?? g).join(m.listSeparator)}
        ${log.householdRef ? html`${m.metaSeparator}${m.householdShort(log.householdRef)}` : nothing}
        ${log.caseId ? html`${m.metaSeparator}${m.caseShort}` : nothing}
      </p>
    </li>`;
  return html`<ul class="logs">
    ${pending.map((p) => entry(p.input, p.input.occurredAt, true, p.id))}
    ${items.map((log) => entry(log, log.occurredAt, false, log.id))}
  </ul>`;
}

export function renderMonth(view: RecordsView) {
  const { m, localize, month } = view;
  const value = month.value;
  const body = month.render({
    initial: () => renderLoading(m),
    pending: () => (value ? renderSummary(view, value) : renderLoading(m)),
    complete: (summary) => (summary ? renderSummary(view, summary) : nothing),
    error: (error) => renderProblem(m, error, () => void month.run()),
  });
  const name = shanghaiDate().slice(0, 7);
  return html`<section class="month card-surface" part="month" aria-labelledby="month-title">
    <h3 id="month-title">${m.monthTitle(localize.date(dayStart(`${name}-01`), { year: 'numeric', month: 'long' }))}</h3>
    ${body}
  </section>`;
}

function renderSummary({ m, localize }: RecordsView, summary: ServiceLogSummary) {
  const n = (value: number) => localize.number(value);
  const daysActive = summary.byDay.filter((day) => day.entries > 0).length;
  const figure = (name: string, label: string, value: number) =>
    html`<div class="figure" data-figure=${name}>
      <dt>${label}</dt>
      <dd>${n(value)}</dd>
    </div>`;
  return html`<dl class="figures">
      ${figure('entries', m.monthEntries, summary.entries)} ${figure('minutes', m.monthMinutes, summary.minutes)}
      ${figure('days', m.monthDays, daysActive)} ${figure('households', m.monthHouseholds, summary.households)}
    </dl>
    <div class="tables">
      <table>
        <caption>
          ${m.byKind}
        </caption>
        <thead>
          <tr>
            <th scope="col"><span class="visually-hidden">${m.kindLabel}</span></th>
            <th scope="col">${m.countColumn}</th>
            <th scope="col">${m.minutesColumn}</th>
          </tr>
        </thead>
        <tbody>
          ${summary.byKind.map(
            (row) =>
              html`<tr data-kind=${row.kind}>
                <th scope="row">${m.kinds[row.kind] ?? row.kind}</th>
                <td>${n(row.entries)}</td>
                <td>${n(row.minutes)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <table>
        <caption>
          ${m.bySubjectGroup}
        </caption>
        <thead>
          <tr>
            <th scope="col"><span class="visually-hidden">${m.groupsLabel}</span></th>
            <th scope="col">${m.countColumn}</th>
          </tr>
        </thead>
        <tbody>
          ${summary.bySubjectGroup.map(
            (row) =>
              html`<tr data-group=${row.subjectGroup}>
                <th scope="row">${m.groups[row.subjectGroup] ?? row.subjectGroup}</th>
                <td>${n(row.entries)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}
