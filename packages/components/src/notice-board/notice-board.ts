import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { NoticeBoard, TeamMember } from '@gridkit/sdk';
import { emit } from '../events.js';
import { GridkitElement } from '../internal/gridkit-element.js';
import { LocalizeController } from '../internal/localize.js';
import { noticeBoardMessages } from './messages.js';
import { RefreshController } from '../internal/refresh.js';
import { renderLoading, renderProblem, stateStyles } from '../internal/states.js';
import { noticeBoardStyles } from './notice-board.styles.js';

/**
 * The digital form of a grid's notice board (公示牌): grid leader with photo,
 * role, work phone and duties; the team by role; service hours and services;
 * current notices, pinned first.
 *
 * @csspart board - the whole board
 * @csspart leader - the grid leader's card
 * @csspart team - the team, grouped by role
 * @csspart notices - the list of notices
 * @csspart notice - one notice
 * @csspart state - loading, error and offline messages
 * @csspart retry - the retry button
 * @fires gk-load - the board was shown with fresh data
 * @fires gk-error - the board could not be loaded
 */
export class GkNoticeBoard extends GridkitElement {
  static override styles = [...GridkitElement.styles, stateStyles, noticeBoardStyles];

  protected readonly localize = new LocalizeController(this, noticeBoardMessages);

  /** `card` (default), `kiosk` (large, for a screen read from two metres) or `compact` (a sidebar). */
  @property({ reflect: true }) layout: 'card' | 'kiosk' | 'compact' = 'card';
  /** Seconds between refreshes while the board is visible; 0 turns refreshing off. */
  @property({ type: Number }) refresh = 300;

  private readonly board = new Task(this, {
    task: async ([client, gridId], { signal }) => {
      if (!client || !gridId) throw new Error('missing-configuration');
      return client.notices.board(gridId, { signal });
    },
    args: () => [this.client, this.activeGridId] as const,
    onComplete: () => emit(this, 'gk-load', { gridId: this.activeGridId }),
    onError: (error) => emit(this, 'gk-error', { error: error as Error }),
  });

  private readonly refresher = new RefreshController(
    this,
    () => void this.board.run(),
    () => this.refresh * 1000,
  );

  private expiryTimer?: ReturnType<typeof setTimeout>;

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('refresh')) this.refresher.schedule();
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
    const m = this.localize.messages;
    if (!this.activeGridId) return html`<div class="state" part="state" role="alert">${m.noGrid}</div>`;
    return this.board.render({
      initial: () => renderLoading(m),
      pending: () => (this.board.value ? this.renderBoard(this.board.value) : renderLoading(m)),
      complete: (board) => this.renderBoard(board),
      error: (error) => renderProblem(m, error, () => void this.board.run()),
    });
  }

  private renderBoard(board: NoticeBoard) {
    const m = this.localize.messages;
    const now = Date.now();
    const notices = board.notices.filter((n) => !n.expiresAt || Date.parse(n.expiresAt) > now);
    const path = board.grid.path.map((p) => p.name).join(' › ');
    return html`<section class="board" part="board" aria-label=${m.boardLabel(board.grid.name)}>
      <header>
        <h2>${board.grid.name}</h2>
        ${path ? html`<p class="path">${path}</p>` : nothing}
        ${
          board.grid.households !== null
            ? html`<p class="meta">${m.households(this.localize.number(board.grid.households))}</p>`
            : nothing
        }
      </header>
      <section class="leader-section" part="leader" aria-labelledby="leader-heading">
        <h3 id="leader-heading">${m.leader}</h3>
        ${board.leader ? this.renderPerson(board.leader, true) : html`<p>${m.noLeader}</p>`}
      </section>
      <section class="services-section" aria-labelledby="hours-heading">
        <h3 id="hours-heading">${m.serviceHours}</h3>
        <p>${board.serviceHours}</p>
        ${
          board.services.length
            ? html`<h3>${m.services}</h3>
                <ul>
                  ${board.services.map((service) => html`<li>${service}</li>`)}
                </ul>`
            : nothing
        }
      </section>
      ${board.team.length ? this.renderTeam(board.team) : nothing}
      <section class="notices-section" aria-labelledby="notices-heading">
        <h3 id="notices-heading">${m.notices}</h3>
        ${
          notices.length
            ? html`<ul class="notices" part="notices">
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
                          notice.expiresAt ? ` · ${m.expires(this.localize.date(notice.expiresAt))}` : ''
                        }</span
                      >
                      <p>${notice.body}</p>
                    </li>`,
                )}
              </ul>`
            : html`<p>${m.noNotices}</p>`
        }
      </section>
      <p class="meta updated">
        ${m.updated(this.localize.date(board.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }))}
      </p>
    </section>`;
  }

  /** Role names: ours for known roles, the API's label for others, the raw value last. */
  private roleName(role: string, label?: Partial<Record<string, string>>): string {
    return this.localize.messages.roles[role] ?? this.localize.text(label) ?? role;
  }

  private renderTeam(team: TeamMember[]) {
    const m = this.localize.messages;
    // Roles are data: group by whatever roles the team has, in the order they come.
    const byRole = new Map<string, TeamMember[]>();
    for (const member of team) byRole.set(member.role, [...(byRole.get(member.role) ?? []), member]);
    return html`<section class="team-section" part="team" aria-labelledby="team-heading">
      <h3 id="team-heading">${m.team}</h3>
      <div class="team">
        ${[...byRole].map(
          ([role, members]) =>
            html`<div>
              <h4>${this.roleName(role, members[0]!.roleLabel)}</h4>
              <ul>
                ${members.map((member) => html`<li>${this.renderPerson(member, false)}</li>`)}
              </ul>
            </div>`,
        )}
      </div>
    </section>`;
  }

  private renderPerson(person: TeamMember, full: boolean) {
    const m = this.localize.messages;
    // The visible text starts the accessible name (WCAG 2.5.3); the hidden part says whose phone it is.
    const phone = person.workPhone
      ? html`<a href="tel:${person.workPhone.replace(/[^\d+]/g, '')}"
          >${m.workPhone} ${person.workPhone}<span class="visually-hidden">${m.phoneOf(person.name)}</span></a
        >`
      : nothing;
    if (!full) return html`<span class="name">${person.name}</span> ${phone}`;
    return html`<div class="person">
        ${
          person.photoUrl
            ? html`<img class="avatar" src=${person.photoUrl} alt="" />`
            : html`<span class="avatar" aria-hidden="true">${[...person.name][0] ?? '?'}</span>`
        }
        <span class="name">${person.name}</span>
        <span class="role">${this.roleName(person.role, person.roleLabel)}</span>
        ${phone}
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
