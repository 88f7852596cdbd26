/** The page's import/export controls, mounted by App.tsx and Header.tsx. */
import { DropOverlay } from './DropOverlay';
import { ExportMenu } from './ExportMenu';
import { ImportStatusBar } from './ImportStatusBar';
import { OpenFileButton } from './OpenFileButton';
import { SavedCopiesDialog } from './SavedCopiesDialog';

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
      <SavedCopiesDialog />
    </>
  );
}
