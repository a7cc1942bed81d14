import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { preloadCharts } from './charts/EChart.tsx';
import { startEngineUnlessKept } from './data/engine.ts';
import { keptResultsHint } from './data/result-cache.ts';
import { router } from './router.ts';
import './styles.css';

// The DuckDB-WASM binary is the largest download: on a first visit, start it before the first render (see engine.ts)
// — unless the page can draw without it (a dashboard); then what its first draw needs instead is fetched and compiled
// while the page waits for the server: the charts library, and Arrow's decoder for the name tables.
if (!startEngineUnlessKept()) {
  preloadCharts();
  if (!keptResultsHint()) void import('apache-arrow').catch(() => undefined);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
