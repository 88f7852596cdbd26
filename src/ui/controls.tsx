/** Small shared controls with one look and a visible focus ring. */
import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';

type Variant = 'default' | 'primary' | 'danger' | 'ghost';

const VARIANTS: Record<Variant, string> = {
  default:
    'border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700',
  primary:
    'border border-indigo-700 bg-indigo-700 text-white hover:bg-indigo-800 dark:border-indigo-400 dark:bg-indigo-400 dark:text-slate-950 dark:hover:bg-indigo-300',
  danger:
    'border border-red-700 bg-red-700 text-white hover:bg-red-800 dark:border-red-400 dark:bg-red-400 dark:text-slate-950',
  ghost: 'border border-transparent text-slate-700 hover:bg-slate-200 dark:text-slate-200 dark:hover:bg-slate-700',
};

export function Button({
  variant = 'default',
  small = false,
  className = '',
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; small?: boolean; ref?: Ref<HTMLButtonElement> }) {
  return (
    <button
      type={type}
      className={`focus-ring inline-flex items-center gap-1 rounded-md font-medium whitespace-nowrap disabled:cursor-not-allowed disabled:opacity-50 ${
        small ? 'px-1.5 py-0.5 text-xs' : 'px-2.5 py-1 text-sm'
      } ${VARIANTS[variant]} ${className}`}
      {...rest}
    />
  );
}

/** A labelled group of radio buttons drawn as a segmented control (keyboard: arrows). */
export function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
  compact = false,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: ReactNode }[];
  onChange: (v: T) => void;
  /** The label only for screen readers below 1536 px (where the header must keep one row). */
  compact?: boolean;
}) {
  return (
    <fieldset className="flex items-center gap-1.5 text-sm">
      <legend className={`float-left mr-1.5 text-slate-600 dark:text-slate-300 ${compact ? 'max-2xl:sr-only' : ''}`}>
        {label}
      </legend>
      <div className="flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-600">
        {options.map((o) => (
          <label
            key={o.value}
            className={`cursor-pointer px-2 py-1 focus-within:outline-2 focus-within:-outline-offset-2 focus-within:outline-indigo-500 ${
              o.value === value
                ? 'bg-indigo-700 text-white dark:bg-indigo-400 dark:text-slate-950'
                : 'bg-white text-slate-800 hover:bg-slate-100 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700'
            }`}
          >
            <input
              type="radio"
              className="sr-only"
              name={label}
              value={o.value}
              checked={o.value === value}
              onChange={() => onChange(o.value)}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A sortable table's column header: a button that sorts by the column, `aria-sort` saying how. */
export function SortHeader({
  label,
  dir,
  onSort,
  className,
  testId,
}: {
  label: ReactNode;
  /** The direction when the table is sorted by this column, else null. */
  dir: 'asc' | 'desc' | null;
  onSort(): void;
  className?: string;
  testId?: string;
}) {
  return (
    <th
      scope="col"
      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
      className={className}
    >
      <button
        type="button"
        className="focus-ring inline-flex items-center gap-0.5 rounded"
        data-testid={testId}
        onClick={onSort}
      >
        {label}
        <span aria-hidden className="w-3 text-slate-600">
          {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
        </span>
      </button>
    </th>
  );
}
