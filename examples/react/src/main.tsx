// Register the tags before React renders them: React 19 sets a property only
// when the element already has it (an upgraded element), otherwise an attribute.
import '@gridkit/components/define/provider';
import '@gridkit/components/define/notice-board';
import '@gridkit/components/define/resolution-rate';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { findGrid } from './grid.js';

createRoot(document.getElementById('root')!).render(<App baseUrl="/api/v1" gridId={await findGrid('/api/v1')} />);
