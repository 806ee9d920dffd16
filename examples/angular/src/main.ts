// The Gridkit components register their elements when imported (app.ts): nothing else to set up.
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { App, GRID_ID } from './app.js';
import { findGrid } from './grid.js';

await bootstrapApplication(App, {
  providers: [provideZonelessChangeDetection(), { provide: GRID_ID, useValue: await findGrid('/api/v1') }],
});
