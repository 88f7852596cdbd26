/** Fields shared by max and average pooling. */
import { CEIL, KERNEL, PADDING, STRIDE } from './common-fields';
import type { FieldSpec } from './fields';

export const POOL_FIELDS: readonly FieldSpec[] = [KERNEL, STRIDE(undefined), PADDING, CEIL];
