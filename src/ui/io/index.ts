/**
 * Import and export on the page (issue 7). Mount <ImportLayer/> once under the header (progress,
 * notices, drop-anywhere overlay) and <FileActions/> in the header (Open file…, Export).
 */
export { FileActions, ImportLayer } from './IoControls';
export { importFile, cancelImport, useImportStatus } from '../../state/importFlow';
