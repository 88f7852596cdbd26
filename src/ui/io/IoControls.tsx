/** The page's import/export controls, mounted by App.tsx and Header.tsx. */
import { DropOverlay } from './DropOverlay';
import { ExportMenu } from './ExportMenu';
import { ImportStatusBar } from './ImportStatusBar';
import { OpenFileButton } from './OpenFileButton';
import { lazy, Suspense } from 'react';
import { useSavedCopiesDialog } from '../../state/savedCopies';

// Loaded when first opened: the first screen does not need it.
const SavedCopiesDialog = lazy(() => import('./SavedCopiesDialog').then((m) => ({ default: m.SavedCopiesDialog })));

function SavedCopies() {
  const open = useSavedCopiesDialog((s) => s.open);
  return open ? (
    <Suspense fallback={null}>
      <SavedCopiesDialog />
    </Suspense>
  ) : null;
}

export function FileActions() {
  return (
    <>
      <OpenFileButton />
      <ExportMenu />
    </>
  );
}

export function ImportLayer() {
  return (
    <>
      <ImportStatusBar />
      <DropOverlay />
      <SavedCopies />
    </>
  );
}
