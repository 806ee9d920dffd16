import '@gridkit/components/define/provider';
import '@gridkit/components/define/resolution-rate';
import '@gridkit/components/define/case-tracker';
import { mount } from 'svelte';
import App from './App.svelte';
import { findGrid } from './grid.js';

mount(App, {
  target: document.getElementById('app')!,
  props: { baseUrl: '/api/v1', gridId: await findGrid('/api/v1') },
});
