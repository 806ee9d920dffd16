import '@gridkit/components/define/provider';
import '@gridkit/components/define/notice-board';
import '@gridkit/components/define/case-tracker';
import { createApp } from 'vue';
import App from './App.vue';
import { findGrid } from './grid.js';

// `gk-*` tags are custom elements, not Vue components: tell the template
// compiler so (here for the runtime compiler; with Vite, in the Vue plugin's
// `template.compilerOptions`, see docs/frameworks.md).
const app = createApp(App, { baseUrl: '/api/v1', gridId: await findGrid('/api/v1') });
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('gk-');
app.mount('#app');
