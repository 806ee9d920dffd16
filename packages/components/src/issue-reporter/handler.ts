import { html, nothing, type TemplateResult } from 'lit';
import type { Grid, TeamMember } from '@gridkit/sdk';
import type { Localize, Messages } from './view.js';

/** The grid the report goes to, as the resident sees it. */
export interface ChosenGrid {
  id: string;
  name: string;
  /** The names from the top of the tree down to the grid itself, joined by the catalog's separator when shown. */
  path: string[];
}

export const gridPath = (grid: Pick<Grid, 'name' | 'path'>) => [...grid.path.map((p) => p.name), grid.name];

/**
 * Who will handle it: the grid and its leader's card. `leader` is `null`
 * while the post is vacant, undefined while still loading.
 */
export function renderHandler(
  grid: ChosenGrid,
  leader: TeamMember | null | undefined,
  { m, localize }: { m: Messages; localize: Localize },
): TemplateResult {
  return html`<section class="handler" part="handler" aria-labelledby="handler-heading">
    <h3 id="handler-heading">${m.handlerHeading}</h3>
    <p class="grid-path">${grid.path.join(m.pathSeparator)}</p>
    ${
      leader === undefined
        ? html`<p class="hint"><span class="spinner inline" aria-hidden="true"></span> ${m.loading}</p>`
        : leader === null
          ? html`<p>${m.leaderVacant(grid.name)}</p>`
          : html`<p>${m.handlerIntro(grid.name)}</p>
              <div class="person">
                ${
                  leader.photoUrl
                    ? html`<img class="avatar" src=${leader.photoUrl} alt="" />`
                    : html`<span class="avatar initial" aria-hidden="true">${leader.name.slice(0, 1)}</span>`
                }
                <span class="person-text">
                  <strong class="person-name">${leader.name}</strong>
                  <span class="person-role">${localize.text(leader.roleLabel) ?? m.leaderRole}</span>
                  ${
                    leader.workPhone
                      ? html`<span class="phone"
                          ><span>${m.workPhone}</span
                          ><a href="tel:${leader.workPhone.replace(/[^\d+]/g, '')}">${leader.workPhone}</a></span
                        >`
                      : nothing
                  }
                </span>
              </div>`
    }
  </section>`;
}
