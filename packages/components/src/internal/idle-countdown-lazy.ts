import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { addStyles } from './add-styles.js';
import type { IdleCountdownController, IdleCountdownOptions, IdlePromptTexts } from './idle-countdown.js';

/** How the countdown's chunk is loaded; a test can hold it back through this. */
export const idleCountdownChunk = { load: () => import('./idle-countdown.js') };

/**
 * The kiosk's "still there?" countdown for a widget that needs it only
 * sometimes: its code and styles load once the idle time is above 0 (kiosk
 * mode, or `idle-reset` set), so a portal page never downloads them.
 */
export class LazyIdleCountdown implements ReactiveController {
  private countdown?: IdleCountdownController;
  private loading = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: IdleCountdownOptions,
  ) {
    host.addController(this);
  }

  hostUpdated() {
    if (this.countdown || this.loading || !(this.options.idleMs() > 0)) return;
    this.loading = true;
    void idleCountdownChunk.load().then(
      ({ IdleCountdownController, idlePromptStyles }) => {
        addStyles(this.host.shadowRoot!, [idlePromptStyles]);
        // Added to a connected host, it starts listening at once.
        this.countdown = new IdleCountdownController(this.host, this.options);
        this.countdown.restart();
      },
      () => (this.loading = false),
    );
  }

  restart() {
    this.countdown?.restart();
  }

  render(texts: IdlePromptTexts): TemplateResult | typeof nothing {
    return this.countdown?.render(texts) ?? nothing;
  }
}
