/** Every counting convention, in the order the selector lists them. */
import type { Convention } from './types';
import { exact } from './exact';
import { torchvision } from './torchvision';

export const CONVENTIONS: readonly Convention[] = [exact, torchvision];

const BY_ID = new Map(CONVENTIONS.map((c) => [c.id, c]));

export const CONVENTION_IDS: readonly string[] = CONVENTIONS.map((c) => c.id);

export const DEFAULT_CONVENTION = 'exact';

export const conventionById = (id: string): Convention | undefined => BY_ID.get(id);
