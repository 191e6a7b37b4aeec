// Core value types of the taint engine. Everything here is plain data (structured-clone safe) so
// function summaries can cross worker-thread boundaries for the cross-module phase.
import type { TraceStep } from '../core/finding.js';

export const SINK_KINDS = [
  'sql',
  'command',
  'code',
  'path',
  'deserialization',
  'xss',
  'redirect',
  'ssrf',
  'ldap',
  'xpath',
  'xxe',
  'trust-boundary',
  'header',
  'log',
  'regex',
  'secret',
  'prompt',
  'dispatch',
  'template',
] as const;
export type SinkKind = (typeof SINK_KINDS)[number];

/** Bit of a sink kind in a `clean` mask. */
export function bit(k: SinkKind): number {
  return 1 << SINK_KINDS.indexOf(k);
}
export const ALL = (1 << SINK_KINDS.length) - 1;
export function mask(...kinds: SinkKind[]): number {
  let m = 0;
  for (const k of kinds) m |= bit(k);
  return m;
}

/** Where tainted data comes from: a real source, or (inside a summary) a parameter of the function. */
export type Origin =
  | { k: 's'; id: string; label: string }
  | { k: 'p'; index: number; name: string; path: string[] };

export interface Flow {
  o: Origin;
  /** Steps from the origin (excluding the sink). */
  steps: TraceStep[];
  /** Sink kinds this flow has been sanitized for (bit mask). */
  clean: number;
  /** Normalized path (realpath/abspath/resolve): a later containment check makes it safe. */
  norm?: boolean;
  /**
   * A parameter flow that went through a file read (`open(p).read()`): the value is the contents of
   * a file the caller named. Local input substituted for the parameter does not flow on (report.ts `localThroughFile`).
   */
  file?: boolean;
}

/** Abstract value: taint of the value itself plus, for containers/objects, per-field values. */
export interface AV {
  flows: Flow[];
  /** Field values by constant key: `[k` for items/indexes, `.a` for attributes. A missing field reads as `flows`. */
  fields?: Map<string, AV>;
  /** Type-ish tag for special objects (request objects, pathlib paths, HTTP clients, class instances). */
  tag?: string;
}

export const CLEAN: AV = Object.freeze({ flows: [] }) as AV;

/** Param-origin flow reaching a sink inside a function (part of its summary). */
export interface SinkHit {
  index: number;
  path: string[];
  kind: SinkKind;
  clean: number;
  norm?: boolean;
  steps: TraceStep[];
  sink: TraceStep;
  /** Text of the sink call, for messages. */
  what: string;
  /** The parameter reached the sink through a file read (see Flow.file). */
  file?: boolean;
}

export interface Summary {
  name: string;
  params: string[];
  /** Flows of the return value (param or source origins). */
  ret: Flow[];
  sinks: SinkHit[];
  /** For constructors: flows stored in `self.<attr>` at the end of `__init__`. */
  selfFields?: Record<string, Flow[]>;
  /** Validation functions (`return re.fullmatch(..., x) is not None`): a true result cleans parameter `index` for `m`. */
  guards?: { index: number; m: number; norm?: boolean }[];
  /** True when the first parameter is the instance (`self`) or class. */
  method?: boolean;
  /** A task run later through methods of the function (specs/deferred.ts row id; `self`: the first parameter is the task instance). */
  deferred?: { by: string; self?: boolean };
  /** The tag of the library object every return statement returns (a client made by a factory function; see objects.ts `RETURNED_TAGS`). */
  tag?: string;
}

/** What one file's analysis exports for the cross-module phase. */
export interface TaintFileInfo {
  /** Summaries of top-level functions, classes (constructor) and methods: keys `f`, `C`, `C.m`. */
  summaries: Record<string, Summary>;
  /** Imported qualified names called in this file that are not known libraries (maybe project code). */
  imports: string[];
  /** Template files rendered by constant name with user input in a context variable (linked to the templates by the scan). */
  renders?: TemplateRender[];
}

/** User input passed to a template file as a context variable (`render_template("p.html", bio=request.form["bio"])`). */
export interface TemplateRender {
  template: string;
  variable: string;
  /** Label of the source, and the trace from it to the render call (included). */
  label: string;
  steps: TraceStep[];
}
