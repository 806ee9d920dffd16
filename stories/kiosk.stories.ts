import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@gridkit/components/define/kiosk';
import type { GridkitClient } from '@gridkit/sdk';
import { apiUrl, demoGrids, stateClients } from './support.js';

interface Args {
  gridId: string;
  textSize: 'standard' | 'large' | 'x-large';
  idleReset: number;
  idleGrace: number;
}

// The kiosk fills the screen (position: fixed); each story shows it full-size.
const meta: Meta<Args> = {
  title: 'Widgets/gk-kiosk',
  args: { gridId: demoGrids.grid, textSize: 'standard', idleReset: 90, idleGrace: 20 },
  argTypes: {
    gridId: { control: 'text', description: 'one grid id, or several separated by spaces' },
    textSize: { control: 'inline-radio', options: ['standard', 'large', 'x-large'] },
    idleReset: { control: 'number' },
    idleGrace: { control: 'number' },
  },
  parameters: { layout: 'fullscreen' },
  render: (args, { globals }) =>
    html`<gk-kiosk
      base-url=${apiUrl}
      grid-id=${args.gridId}
      text-size=${args.textSize}
      idle-reset=${args.idleReset}
      idle-grace=${args.idleGrace}
      theme=${globals.theme}
    ></gk-kiosk>`,
};
export default meta;

type Story = StoryObj<Args>;

/** The home screen a resident walks up to. */
export const Home: Story = {};
/** Extra-large text (适老化): the kiosk and the widget it opens grow together. */
export const ExtraLargeText: Story = { args: { textSize: 'x-large' } };
/** A centre serving two grids: the board and the figures ask which one first. */
export const SeveralGrids: Story = { args: { gridId: `${demoGrids.grid} grd_4BCgN7QEgmFx` } }; // and 东关社区第一网格
/** A short idle time, to watch the "still there?" countdown and the reset (open a screen, then wait). */
export const ShortIdleReset: Story = { args: { idleReset: 5, idleGrace: 5 } };

/** The API never answers: home works, each widget shows its own loading state. */
export const Loading: Story = {
  render: (args, { globals }) =>
    html`<gk-provider .client=${stateClients.loading() as GridkitClient} theme=${globals.theme}>
      <gk-kiosk grid-id=${args.gridId} theme=${globals.theme}></gk-kiosk>
    </gk-provider>`,
};
/** No base-url and no provider: a message for the page's developer, and a console warning. */
export const Misconfigured: Story = {
  render: (args, { globals }) => html`<gk-kiosk grid-id=${args.gridId} theme=${globals.theme}></gk-kiosk>`,
};
