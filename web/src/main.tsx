import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { preloadCharts } from './charts/EChart.tsx';
import { startEngineUnlessKept } from './data/engine.ts';
import { keptResultsHint } from './data/result-cache.ts';
import { router } from './router.ts';
import './styles.css';

// The DuckDB-WASM binary is the largest download: on a first visit, start it before the first render (see engine.ts)
// — unless the page can draw without it (a dashboard, see data-context.tsx for what it loads meanwhile). A reload that
// draws from kept answers has the charts library cached: it is loaded at once, beside the app.
startEngineUnlessKept();
if (keptResultsHint()) preloadCharts();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
