/** "Open file…": a button for a hidden file input (ONNX, Caffe prototxt, FlopLab JSON). */
import { useRef } from 'react';
import { Button } from '../controls';
import { ACCEPTED_EXTENSIONS, importFile } from '../../state/importFlow';
import { useT } from '../i18n';

export function OpenFileButton() {
  const input = useRef<HTMLInputElement>(null);
  const t = useT();
  return (
    <>
      <Button onClick={() => input.current?.click()} title={t('open.title')}>
        {t('open.button')}
      </Button>
      <input
        ref={input}
        type="file"
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        accept={ACCEPTED_EXTENSIONS.join(',')}
        data-testid="open-file-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = ''; // the same file can be chosen again
          if (file) void importFile(file);
        }}
      />
    </>
  );
}
