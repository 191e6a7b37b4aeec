// Library knowledge of the value analysis (data): container constructors, configuration parsers
// and the builtins that neither keep nor change the containers passed to them.

/** Sequence constructors: qualified name -> mutable (list, deque) or not (tuple). */
export const SEQ_CONSTRUCTORS = new Map<string, boolean>([
  ['list', true],
  ['tuple', false],
  ['collections.deque', true],
]);

/** configparser objects: sections of options, set and read back by constant names. */
export const CONFIG_PARSERS = new Set(['configparser.ConfigParser', 'configparser.RawConfigParser', 'configparser.SafeConfigParser']);
/** Methods reading one option (`get` returns the stored value; the typed ones convert it). */
export const CONFIG_GET_METHODS = new Set(['get', 'getint', 'getfloat', 'getboolean']);

/** Builtins a container can be passed to without being changed or kept. */
export const CONSTANT_FUNCTIONS = new Set(['len', 'str', 'repr', 'int', 'float', 'bool', 'print', 'sorted', 'list', 'tuple', 'set', 'frozenset', 'reversed', 'isinstance', 'any', 'all', 'min', 'max', 'sum', 'enumerate', 'zip', 'hash', 'id', 'type', 'iter']);
