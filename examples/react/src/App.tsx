import { useState } from 'react';
import type { GkPeriodChangeEvent } from '@gridkit/components';

export function App({ baseUrl, gridId }: { baseUrl: string; gridId: string }) {
  const [period, setPeriod] = useState('last-12-months');
  const [loadedGrid, setLoadedGrid] = useState<string>();

  // The handler's event is typed from HTMLElementEventMap: `detail.from` is a string.
  const onPeriodChange = (event: GkPeriodChangeEvent) => setPeriod(event.detail.period);

  return (
    <gk-provider base-url={baseUrl} grid-id={gridId} theme="light">
      <main>
        <gk-notice-board
          layout="compact"
          refresh={0}
          ongk-load={(event) => setLoadedGrid(event.detail.gridId)}
          ongk-error={(event) => console.error(event.detail.error.message)}
        />
        <gk-resolution-rate period={period} layout="card" ongk-period-change={onPeriodChange} />
        <p>
          {loadedGrid ? `Loaded ${loadedGrid}` : 'Loading…'}, figures for {period}
        </p>
      </main>
    </gk-provider>
  );
}
