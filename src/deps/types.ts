// Shared shapes of the dependency audit.

/** Where a dependency list came from. */
export type ManifestFormat =
  | 'requirements'
  | 'pyproject'
  | 'poetry.lock'
  | 'Pipfile'
  | 'Pipfile.lock'
  | 'uv.lock'
  | 'pdm.lock'
  | 'pylock.toml';

export const LOCK_FORMATS: readonly ManifestFormat[] = ['poetry.lock', 'Pipfile.lock', 'uv.lock', 'pdm.lock', 'pylock.toml'];

/** One declared or locked dependency, with the place it is written. */
export interface Dependency {
  /** PEP 503-normalized name. */
  name: string;
  /** The name as written. */
  rawName: string;
  /** The exact version (from `==X`, `===X`, a bare Poetry version or a lock entry), else null. */
  version: string | null;
  /** The version specifier as written ('' when there is none). */
  spec: string;
  /** True for an exact pin or a lock entry. */
  pinned: boolean;
  /** A direct reference (URL, VCS, local path) that does not come from the package index. */
  direct?: string;
  editable?: boolean;
  extras: string[];
  marker?: string;
  /** Number of `--hash` options on the requirement. */
  hashes: number;
  /** Absolute path of the file. */
  file: string;
  /** 1-based position of the requirement (first physical line for continued lines). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The requirement line as written. */
  snippet: string;
  kind: 'manifest' | 'lock' | 'constraint';
  /** Dependency group / extra / Pipfile section, when the format has one. */
  group?: string;
}

export interface ParsedManifest {
  /** Absolute path. */
  file: string;
  format: ManifestFormat;
  deps: Dependency[];
  /** Problems with this file or its includes (absolute paths). */
  skipped: { path: string; reason: string }[];
}
