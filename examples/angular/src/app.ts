import { Component, InjectionToken, inject, signal } from '@angular/core';
import type { GkPeriodChangeEvent } from '@gridkit/components';
import { GkNoticeBoardComponent, GkProviderComponent, GkResolutionRateComponent } from '@gridkit/components/angular';

/** The grid the page shows, found before the app starts. */
export const GRID_ID = new InjectionToken<string>('Gridkit grid id');

@Component({
  selector: 'app-root',
  // The Gridkit components (not CUSTOM_ELEMENTS_SCHEMA): strict templates check every binding on a gk- tag.
  imports: [GkProviderComponent, GkNoticeBoardComponent, GkResolutionRateComponent],
  template: `
    <gk-provider [baseUrl]="baseUrl" [gridId]="gridId" theme="light">
      <main>
        <gk-notice-board
          layout="compact"
          [refresh]="0"
          (gk-load)="loadedGrid.set($event.detail.gridId)"
          (gk-error)="failed($event.detail.error.message)"
        ></gk-notice-board>
        <gk-resolution-rate
          [period]="period()"
          layout="card"
          (gk-period-change)="onPeriodChange($event)"
        ></gk-resolution-rate>
        <p>{{ loadedGrid() ? 'Loaded ' + loadedGrid() : 'Loading…' }}, figures for {{ period() }}</p>
      </main>
    </gk-provider>
  `,
})
export class App {
  readonly baseUrl = '/api/v1';
  readonly gridId = inject(GRID_ID);
  readonly period = signal('last-12-months');
  readonly loadedGrid = signal<string | undefined>(undefined);

  // The handler's event is typed from HTMLElementEventMap: `detail.period` is the period chosen.
  onPeriodChange(event: GkPeriodChangeEvent) {
    this.period.set(event.detail.period);
  }

  failed(message: string) {
    console.error(message);
  }
}
