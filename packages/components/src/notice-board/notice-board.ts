import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import type { NoticeBoard, TeamMember } from '@gridkit/sdk';
import { noticesResource } from '@gridkit/sdk/resources/notices';
import { emit } from '../events.js';
import { GridkitElement } from '../internal/gridkit-element.js';
import { LocalizeController } from '../internal/localize.js';
import { noticeBoardMessages } from './messages.js';
import { StaleWhileErrorController, type ReadyState } from '../internal/stale-while-error.js';
import { freshnessStyles, renderFreshness, renderLoading, renderProblem, stateStyles } from '../internal/states.js';
import { cardStyles } from '../internal/card.js';
import { noticeBoardStyles } from './notice-board.styles.js';

/**
 * The digital form of a grid's notice board (公示牌): grid leader with photo,
 * role, work phone and duties; the team by role; service hours and services;
 * current notices, pinned first.
 *
 * @csspart base - the outermost element, in every state
 * @csspart board - the whole board
 * @csspart leader - the grid leader's card
 * @csspart team - the team, grouped by role
 * @csspart notices - the list of notices
 * @csspart notice - one notice
 * @csspart member - one team member: name, work phone, duties
 * @csspart state - loading, error, offline and set-up messages
 * @csspart retry - the retry button
 * @csspart stale - the line over a board kept from an earlier load ("updated 10:42 — reconnecting…"); empty while fresh
 * @csspart stale-retry - its "try now" button
 * @fires gk-load - the board was shown with fresh data
 * @fires gk-error - the board could not be loaded
 */
export class GkNoticeBoard extends GridkitElement {
  static override styles = [...GridkitElement.styles, stateStyles, freshnessStyles, cardStyles, noticeBoardStyles];

  static override properties: PropertyDeclarations = {
    layout: { reflect: true },
    refresh: { type: Number },
  };

  protected readonly localize = new LocalizeController(this, noticeBoardMessages);

  /** `card` (default), `kiosk` (large, for a screen read from two metres) or `compact` (a sidebar). */
  layout: 'card' | 'kiosk' | 'compact' = 'card';
  /** Seconds between refreshes while the board is visible; 0 turns refreshing off. */
  refresh = 300;

  private readonly board = new StaleWhileErrorController(this, {
    task: ([core, gridId], { signal }) => noticesResource(core!).board(gridId!, { signal }),
    args: () => [this.core, this.activeGridId] as const,
    configuration: () => this.configurationProblem(true),
    // A kiosk shows its board all day: opened again while offline, it shows the last good one.
    remember: ([core, gridId]) => (this.kioskMode && core && gridId ? `${core.baseUrl}|${gridId}` : undefined),
    interval: () => this.refresh * 1000,
    live: ([core, gridId]) => (core && gridId ? { core, topics: { noticesOf: gridId } } : undefined),
    onComplete: () => emit(this, 'gk-load', { gridId: this.activeGridId }),
    onError: (error) => emit(this, 'gk-error', { error: error as Error }),
  });

  private expiryTimer?: ReturnType<typeof setTimeout>;

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('refresh')) this.board.schedule();
    // Re-render when the next notice expires, so a kiosk never shows an expired one.
    clearTimeout(this.expiryTimer);
    const now = Date.now();
    const next = Math.min(
      ...(this.board.value?.notices ?? [])
        .map((n) => (n.expiresAt ? Date.parse(n.expiresAt) : Infinity))
        .filter((t) => t > now),
    );
    if (Number.isFinite(next))
      this.expiryTimer = setTimeout(() => this.requestUpdate(), Math.min(next - now + 50, 2 ** 31 - 1));
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.expiryTimer);
  }

  override render() {
    return html`<div part="base">${this.renderBody()}</div>`;
  }

  private renderBody() {
    const m = this.localize.messages;
    return this.board.render({
      loading: () => renderLoading(m),
      ready: (board, state) => this.renderBoard(board, state),
      problem: (error) => renderProblem(m, error, () => this.board.reload(), this.localName),
    });
  }

  private renderBoard(board: NoticeBoard, { busy, freshness }: ReadyState) {
    const m = this.localize.messages;
    const now = Date.now();
    const time = (at: number) => this.localize.date(new Date(at), { timeStyle: 'short' });
    const notices = board.notices.filter((n) => !n.expiresAt || Date.parse(n.expiresAt) > now);
    const path = board.grid.path.map((p) => p.name).join(m.pathSeparator);
    return html`${renderFreshness(m, freshness, time, () => this.board.reload())}
      <section
        class="board card-surface"
        part="board"
        aria-label=${m.boardLabel(board.grid.name)}
        aria-busy=${busy ? 'true' : 'false'}
      >
        <header>
          <h2>${board.grid.name}</h2>
          ${path ? html`<p class="path">${path}</p>` : nothing}
          ${
            board.grid.households !== null
              ? html`<p class="meta">${m.households(this.localize.number(board.grid.households))}</p>`
              : nothing
          }
        </header>
        <div class="about">
          <section class="leader-section" part="leader" aria-labelledby="leader-heading">
            <h3 id="leader-heading">${m.leader}</h3>
            ${board.leader ? this.renderPerson(board.leader) : html`<p>${m.noLeader}</p>`}
          </section>
          <section class="hours-section" aria-labelledby="hours-heading">
            <h3 id="hours-heading">${m.serviceHours}</h3>
            <p>${board.serviceHours}</p>
          </section>
        </div>
        ${board.team.length ? this.renderTeam(board.team) : nothing}
        <div class="news">
          <section class="notices-section" aria-labelledby="notices-heading">
            <h3 id="notices-heading">${m.notices}</h3>
            ${this.renderNotices(notices)}
          </section>
          ${
            board.services.length
              ? html`<section class="services-section" aria-labelledby="services-heading">
                  <h3 id="services-heading">${m.services}</h3>
                  <ul>
                    ${board.services.map((service) => html`<li>${service}</li>`)}
                  </ul>
                </section>`
              : nothing
          }
        </div>
        <p class="meta updated">
          ${m.updated(this.localize.date(board.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }))}
        </p>
      </section>`;
  }

  private renderNotices(notices: NoticeBoard['notices']) {
    const m = this.localize.messages;
    if (!notices.length) return html`<p>${m.noNotices}</p>`;
    return html`<ul class="notices" part="notices">
      ${notices.map(
        (notice) =>
          html`<li class="notice" part="notice">
            <h4>
              ${notice.pinned ? html`<span class="badge pinned">${m.pinned}</span>` : nothing}
              <span class="badge">${m.noticeKinds[notice.kind] ?? notice.kind}</span>
              ${notice.title}
            </h4>
            <span class="meta"
              >${m.published(this.localize.date(notice.publishedAt))}${
                notice.expiresAt ? `${m.metaSeparator}${m.expires(this.localize.date(notice.expiresAt))}` : ''
              }</span
            >
            <p>${notice.body}</p>
          </li>`,
      )}
    </ul>`;
  }

  /**
   * A role's name: the API's label in this language first (a city's own word,
   * such as 楼院长, wins over our 楼栋长), then ours, then the API's zh-CN label,
   * the raw value last.
   */
  private roleName(role: string, label?: Partial<Record<string, string>>): string {
    return label?.[this.localize.locale] ?? this.localize.messages.roles[role] ?? this.localize.text(label) ?? role;
  }

  private renderTeam(team: TeamMember[]) {
    const m = this.localize.messages;
    // Roles are data: group by the role's name as shown, in the order they come
    // (two labels on one role, 志愿者 and 后备志愿者, are two groups).
    const byRole = new Map<string, TeamMember[]>();
    for (const member of team) {
      const name = this.roleName(member.role, member.roleLabel);
      byRole.set(name, [...(byRole.get(name) ?? []), member]);
    }
    return html`<section class="team-section" part="team" aria-labelledby="team-heading">
      <h3 id="team-heading">${m.team}</h3>
      <div class="team">
        ${[...byRole].map(
          ([role, members]) =>
            html`<div>
              <h4>${role}</h4>
              <ul>
                ${members.map((member) => html`<li class="member" part="member">${this.renderMember(member)}</li>`)}
              </ul>
            </div>`,
        )}
      </div>
    </section>`;
  }

  private renderPhone(person: TeamMember) {
    const m = this.localize.messages;
    if (!person.workPhone) return nothing;
    // The visible text starts the accessible name (WCAG 2.5.3); the hidden part says whose phone it is.
    // The number is one unbreakable piece: a line never ends in the middle of it.
    return html`<a href="tel:${person.workPhone.replace(/[^\d+]/g, '')}"
      ><span>${m.workPhone} <span class="phone-number">${person.workPhone}</span></span
      ><span class="visually-hidden">${m.phoneOf(person.name)}</span></a
    >`;
  }

  /**
   * A team member as one block — name, then phone, then duties, each on its own
   * line — so a member without a phone never sits on the line of someone
   * else's number.
   */
  private renderMember(member: TeamMember) {
    const m = this.localize.messages;
    return html`<div class="name">${member.name}</div>
      ${member.workPhone ? html`<div>${this.renderPhone(member)}</div>` : nothing}
      ${
        member.duties.length
          ? html`<div class="duties">${m.labelled(m.duties, member.duties.join(m.listSeparator))}</div>`
          : nothing
      }`;
  }

  private renderPerson(person: TeamMember) {
    const m = this.localize.messages;
    return html`<div class="person">
        ${
          person.photoUrl
            ? html`<img class="avatar" src=${person.photoUrl} alt="" />`
            : html`<span class="avatar" aria-hidden="true">${[...person.name][0] ?? '?'}</span>`
        }
        <span class="name">${person.name}</span>
        <span class="role">${this.roleName(person.role, person.roleLabel)}</span>
        ${this.renderPhone(person)}
      </div>
      ${
        person.duties.length
          ? html`<h4>${m.duties}</h4>
              <ul>
                ${person.duties.map((duty) => html`<li>${duty}</li>`)}
              </ul>`
          : nothing
      }`;
  }
}
