// Each template line after a comment must fail the type-check (tests/frameworks asserts which ones do).
import { Component } from '@angular/core';
import { GRIDKIT_COMPONENTS } from '@gridkit/components/angular';

@Component({
  selector: 'app-wrong-values',
  imports: [GRIDKIT_COMPONENTS],
  template: `
    <!-- a layout the notice board does not have -->
    <gk-notice-board layout="bogus"></gk-notice-board>
    <!-- refresh is a number of seconds, not a string -->
    <gk-notice-board [refresh]="'often'"></gk-notice-board>
    <!-- a property no widget has -->
    <gk-case-tracker [tikcet]="'SH-1'"></gk-case-tracker>
    <!-- the detail of gk-load has gridId, not ticket -->
    <gk-notice-board (gk-load)="shown = $event.detail.ticket"></gk-notice-board>
  `,
})
export class WrongValues {
  shown?: string;
}
