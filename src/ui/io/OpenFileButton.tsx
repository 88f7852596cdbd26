/** "Open file…": a button for a hidden file input (ONNX, Caffe prototxt, FlopLab JSON). */
import { useRef } from 'react';
import { Button } from '../controls';
import { ACCEPTED_EXTENSIONS, importFile } from '../../state/importFlow';

export function OpenFileButton() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button
        onClick={() => input.current?.click()}
        title="Import an ONNX file, a Caffe prototxt or a FlopLab model JSON (or drop it anywhere on the page)"
      >
        Open file…
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
