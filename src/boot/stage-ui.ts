/**
 * Opening, task 4: React, the components of the first screen and the service worker's
 * registration. main.tsx renders <App/> once this stage has been evaluated.
 */
export { StrictMode, startTransition } from 'react';
export { createRoot } from 'react-dom/client';
export { App } from '../ui/App';
export { registerServiceWorker } from '../sw/register';
