import { css } from 'lit';

export const noticeBoardStyles = css`
  .board {
    display: grid;
    gap: var(--_space);
  }
  header h2 {
    margin: 0;
    font-size: 1.35em;
  }
  .path,
  .meta {
    margin: 0;
    color: var(--_fg-muted);
    font-size: 0.9em;
  }
  h3 {
    margin: 0 0 0.5em;
    font-size: 1.05em;
    border-inline-start: 4px solid var(--_accent);
    padding-inline-start: 0.5em;
  }
  .person {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0.25em 0.9em;
    align-items: start;
  }
  .avatar {
    grid-row: span 3;
    inline-size: 4em;
    block-size: 4em;
    border-radius: 50%;
    object-fit: cover;
    background: var(--_accent);
    color: var(--_accent-fg);
    display: grid;
    place-items: center;
    font-size: 1.3em;
    font-weight: 600;
  }
  .name {
    font-weight: 600;
    font-size: 1.1em;
  }
  .role {
    color: var(--_fg-muted);
  }
  .leader-section h4 {
    margin: 0.75em 0 0.25em;
  }
  a[href^='tel:'] {
    display: inline-flex;
    align-items: center;
    min-block-size: 44px;
    color: var(--_link);
    font-weight: 600;
    text-decoration: underline;
  }
  /* A phone number never breaks across lines. */
  .phone-number {
    white-space: nowrap;
  }
  ul {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .team {
    display: grid;
    gap: 0.75em;
  }
  .team h4 {
    margin: 0;
    font-size: 0.95em;
    color: var(--_fg-muted);
  }
  .team ul {
    list-style: none;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1.5em;
  }
  .notices {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.75em;
  }
  .notice {
    padding: 0.75em;
    background: var(--_bg-muted);
    border-radius: var(--_radius);
  }
  .notice h4 {
    margin: 0 0 0.25em;
    font-size: 1em;
  }
  .notice p {
    margin: 0.25em 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    margin-inline-end: 0.4em;
    padding: 0 0.45em;
    font-size: 0.8em;
    border-radius: 4px;
    border: 1px solid var(--_border);
    color: var(--_fg);
  }
  .badge.pinned {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-fg);
  }

  header {
    grid-area: header;
  }
  .about {
    grid-area: about;
  }
  .team-section {
    grid-area: team;
  }
  .news {
    grid-area: news;
  }
  .about,
  .news {
    display: grid;
    gap: var(--_space);
    align-content: start;
  }
  .hours-section p {
    margin: 0;
  }
  .updated {
    grid-area: updated;
  }
  .board {
    grid-template-areas: 'header' 'about' 'team' 'news' 'updated';
  }
  :host {
    container-type: inline-size;
  }
  /* A wide card: people on the left, notices on the right. */
  @container (min-width: 48rem) {
    .board {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      grid-template-areas: 'header header' 'about news' 'team news' 'updated updated';
      /* The notices' extra height goes below the team, not between the leader and the team. */
      grid-template-rows: auto auto 1fr auto;
      align-items: start;
    }
  }

  /* Kiosk: read from two metres away, touched by fingers; everything on one screen. */
  /* Large text that still fits a phone: 1.6rem from 640 px wide (any kiosk, either way up), ordinary size below. */
  :host([layout='kiosk']) {
    --_font-size: var(--gk-kiosk-font-size, clamp(1rem, 4vw, 1.6rem));
  }
  :host([layout='kiosk']) .board {
    gap: var(--_space) calc(var(--_space) * 2.5);
    padding: calc(var(--_space) * 1.25);
  }
  /*
   * One 1080-high screen either way up. The team, the longest part, gets three
   * columns of its own; the notices and the services become grid items of the
   * board, so the services fill the free space under the leader (portrait) or
   * and the team (landscape) instead of lengthening the notices' column.
   */
  @container (min-width: 60rem) {
    :host([layout='kiosk']) .board {
      /* "Updated …" in the space the notices leave under them, not on a line of its own. */
      grid-template-areas: 'header header' 'about notices' 'services notices' 'services updated' 'team team';
      grid-template-rows: auto auto 1fr auto auto;
    }
    :host([layout='kiosk']) .news {
      display: contents;
    }
    :host([layout='kiosk']) .notices-section {
      grid-area: notices;
    }
    :host([layout='kiosk']) .services-section {
      grid-area: services;
    }
    :host([layout='kiosk']) .team {
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: 0.75em 0.6em;
      font-size: 0.9em;
    }
    :host([layout='kiosk']) .notice {
      font-size: 0.9em;
    }
  }
  /* Four columns on a wide screen at the standard text size; with a larger text size (fewer em across) the
     leader's column would be too narrow for the portrait and the number beside it, so two as above. */
  @container (min-width: 100rem) and (min-width: 64em) {
    :host([layout='kiosk']) .board {
      grid-template-columns: repeat(4, minmax(0, 1fr));
      grid-template-areas:
        'header header header updated'
        'about team team notices'
        'services services services notices';
      grid-template-rows: auto auto 1fr;
      column-gap: calc(var(--_space) * 1.5);
      /* 1080 high: a little less than the portrait size, still read from two metres. */
      font-size: 0.94em;
    }
    /* Under the leader and the team, the services side by side in one or two lines. */
    :host([layout='kiosk']) .services-section ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.2em 2.2em;
      margin-block: 0;
    }
    :host([layout='kiosk']) .updated {
      align-self: center;
      text-align: end;
    }
  }
  :host([layout='kiosk']) .avatar {
    inline-size: 5em;
    block-size: 5em;
  }
  /* A phone-wide kiosk screen: a smaller portrait, so the leader's number (which never breaks) fits beside it. */
  @container (max-width: 28rem) {
    :host([layout='kiosk']) .avatar {
      inline-size: 3.25em;
      block-size: 3.25em;
    }
  }
  /* Where the leader's number (which never breaks) cannot sit beside the portrait, it goes on a line of its own
     under it: a phone-wide screen with a larger text size, or the leader's half of a portrait kiosk at the
     largest size. In em: the number is about 8em wide, the portrait 5em. */
  @container (max-width: 16em) or ((min-width: 60rem) and (max-width: 32em)) {
    :host([layout='kiosk']) .person a[href^='tel:'] {
      grid-column: 1 / -1;
    }
  }
  :host([layout='kiosk']) a[href^='tel:'] {
    min-block-size: 64px;
  }
  :host([layout='kiosk']) .member a[href^='tel:'] {
    min-block-size: 48px;
  }
  /* The grid's name, path and size on one line: the screen's height is for the people. */
  :host([layout='kiosk']) header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 1em;
  }

  /* Compact: a portal sidebar. */
  :host([layout='compact']) .board {
    gap: calc(var(--_space) / 2);
    font-size: 0.9em;
  }
  :host([layout='compact']) .team-section,
  :host([layout='compact']) .hours-section,
  :host([layout='compact']) .services-section,
  :host([layout='compact']) .notice p {
    display: none;
  }
`;
