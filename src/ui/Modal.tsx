/**
 * The app's modal dialogs: one look (a native <dialog>, opened with showModal(), Escape closes it)
 * and a title that names it for screen readers. `ConfirmModal` is the "are you sure" kind: a
 * sentence, Cancel (focused first) and the action. Used by the header (New), the guided examples,
 * About and the saved copies.
 */
import type { DialogHTMLAttributes, ReactNode, Ref } from 'react';
import { Button } from './controls';
import { useT } from './i18n';

type DialogProps = Omit<DialogHTMLAttributes<HTMLDialogElement>, 'title'>;

/**
 * Marks the control a <dialog> focuses when showModal() opens it (the HTML `autofocus` attribute,
 * which the dialog's focusing steps honour). React's `autoFocus` would instead call focus() when
 * the closed dialog mounts with the page: that forces a layout of the whole page inside the first
 * render (about 60 ms of the open's longest task, issue 20) and focuses nothing useful.
 */
export const focusOnOpen = (el: HTMLElement | null): void => {
  el?.setAttribute('autofocus', '');
};

export function Modal({
  ref,
  titleId,
  title,
  className = '',
  children,
  ...rest
}: DialogProps & { ref?: Ref<HTMLDialogElement>; titleId: string; title: ReactNode }) {
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={`m-auto rounded-lg border border-slate-300 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-black/40 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 ${className}`}
      {...rest}
    >
      <h2 id={titleId} className="mb-2 text-base font-semibold">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

export function ConfirmModal({
  ref,
  titleId,
  title,
  body,
  confirm,
  variant,
  onConfirm,
  ...rest
}: DialogProps & {
  ref: { readonly current: HTMLDialogElement | null };
  titleId: string;
  title: ReactNode;
  body: ReactNode;
  confirm: ReactNode;
  variant: 'primary' | 'danger';
  onConfirm: () => void;
}) {
  const t = useT();
  return (
    <Modal ref={ref} titleId={titleId} title={title} {...rest}>
      <p className="mb-4 max-w-sm text-sm">{body}</p>
      <div className="flex justify-end gap-2">
        <Button ref={focusOnOpen} onClick={() => ref.current?.close()}>
          {t('common.cancel')}
        </Button>
        <Button
          variant={variant}
          onClick={() => {
            ref.current?.close();
            onConfirm();
          }}
        >
          {confirm}
        </Button>
      </div>
    </Modal>
  );
}
