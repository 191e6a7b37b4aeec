import type { Rule } from '../types.js';
import { pickleDeserialization } from './pickle-deserialization.js';
import { marshalDeserialization } from './marshal-deserialization.js';
import { yamlUnsafeLoad } from './yaml-unsafe-load.js';
import { pickleImport } from './pickle-import.js';
import { torchLoadUnsafe } from './torch-load-unsafe.js';
import { numpyLoadAllowPickle } from './numpy-load-allow-pickle.js';
import { kerasUnsafeLoad } from './keras-unsafe-load.js';

export const rules: Rule[] = [pickleDeserialization, marshalDeserialization, yamlUnsafeLoad, pickleImport, torchLoadUnsafe, numpyLoadAllowPickle, kerasUnsafeLoad];
