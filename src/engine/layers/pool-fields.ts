/** Fields shared by max and average pooling. */
import { CEIL, KERNEL, PADDING, STRIDE } from './common-fields';
import type { FieldSpec } from './fields';
import { moduleField } from './call';

export const POOL_FIELDS: readonly FieldSpec[] = [
  KERNEL,
  STRIDE(undefined),
  PADDING,
  CEIL,
  moduleField('nn.MaxPool2d / nn.AvgPool2d', 'F.max_pool2d / F.avg_pool2d'),
];
