import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { App } from './ui/App';
import { startState } from './state/boot';
import { registerServiceWorker } from './sw/register';
import { captureLink } from './ui/teaching/store';

// Autosave or shared link first, so the first paint already shows the user's model.
captureLink(); // teaching parts of a link (model B, hidden parts), read before startState clears the hash
startState();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

registerServiceWorker(); // offline copy after the first visit (production builds only)
