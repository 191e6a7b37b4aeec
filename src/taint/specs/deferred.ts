// Deferred calls as data: task queues whose decorated functions are run later through methods of
// the function object (`send_report.delay(x)` runs `send_report(x)` in a worker). The engine
// (interp-summary.ts `deferredCall`) maps the arguments of such a method call to the function's
// parameters, as this table says, and applies the function's summary at the call site: request
// data passed to a task reaches the sinks in its body, in the same module or another.

/** How the arguments of a deferring method map to the task function's parameters. */
export interface DeferredArgs {
  /** The call's positional arguments and keywords are the function's (`delay(*args, **kwargs)`). */
  same?: true;
  /** Else: the argument holding the positional arguments (a list or tuple: element i is parameter i) ... */
  args?: [number | null, string];
  /** ... and the one holding the keyword arguments (a dict: key k is parameter k). */
  kwargs?: [number | null, string];
}

export interface DeferredSpec {
  id: string;
  /** Decorators (qualified names, called or not: `@shared_task`, `@shared_task(bind=True)`) making a function a task. */
  decorators: string[];
  /**
   * Decorator methods `@<object>.<method>` making a function a task (`@app.task`: the application
   * object is often imported from the project's own module, so its type is not checked).
   */
  decoratorMethods?: string[];
  /** A decorator keyword that, when true, passes the task instance as the first parameter (`bind=True`). */
  bindKeyword?: string;
  /** Methods of the task that call it, and how their arguments map to its parameters. */
  methods: Record<string, DeferredArgs>;
}

const CELERY_ARGS: DeferredArgs = { args: [0, 'args'], kwargs: [1, 'kwargs'] };

export const DEFERRED_CALLS: DeferredSpec[] = [
  // Celery: `task.delay(...)`, `task.apply_async(args=[...], kwargs={...})`, signatures `task.s(...)`
  // / `task.si(...)` / `task.signature(args, kwargs)` (run when the canvas runs), `task.apply(...)`.
  {
    id: 'celery',
    decorators: ['celery.shared_task', 'celery.task', 'celery.decorators.task'],
    decoratorMethods: ['task'],
    bindKeyword: 'bind',
    methods: { delay: { same: true }, s: { same: true }, si: { same: true }, apply_async: CELERY_ARGS, apply: CELERY_ARGS, signature: CELERY_ARGS },
  },
];
