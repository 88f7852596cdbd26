import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { App } from './ui/App';
import { startState } from './state/boot';
import { registerServiceWorker } from './sw/register';
import { captureLink, useTeaching } from './ui/teaching/store';

// Autosave or shared link first, so the first paint already shows the user's model.
captureLink(); // teaching parts of a link (model B, hidden parts), read before startState rewrites the hash
// The live URL keeps an exercise's hidden parts and the A/B model, so a reload is the same page.
startState({
  linkExtras: () => {
    const { compare, hide } = useTeaching.getState();
    return { compare, hide };
  },
});

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

registerServiceWorker(); // offline copy after the first visit (production builds only)
