import type { Rule } from '../types.js';
import { badFilePermissions } from './bad-file-permissions.js';
import { insecureTempFile } from './insecure-temp-file.js';
import { tarfileUnsafeExtraction } from './tarfile-unsafe-extraction.js';
import { unpackArchiveWithoutFilter } from './unpack-archive-without-filter.js';
import { worldWritableCreateMode } from './world-writable-create-mode.js';
import { pathTraversal } from './path-traversal.js';

export const rules: Rule[] = [
  badFilePermissions,
  insecureTempFile,
  tarfileUnsafeExtraction,
  unpackArchiveWithoutFilter,
  pathTraversal,
  worldWritableCreateMode,
];
