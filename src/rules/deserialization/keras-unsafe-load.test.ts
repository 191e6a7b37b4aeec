import { ruleTester } from '../testing.js';
import { kerasUnsafeLoad } from './keras-unsafe-load.js';

ruleTester(kerasUnsafeLoad, {
  valid: [
    { name: 'default safe mode', code: 'import keras\nkeras.models.load_model("m.keras")\n' },
    { name: 'explicit True', code: 'from tensorflow import keras\nkeras.models.load_model("m.keras", safe_mode=True)\n' },
  ],
  invalid: [
    {
      code: 'import keras\nm = keras.models.load_model("m.keras", safe_mode=False)\n',
      errors: [{ line: 2, column: 50, message: 'safe_mode=False', severity: 'medium' }],
    },
    {
      name: 'through tensorflow',
      code: 'import tensorflow as tf\ntf.keras.models.load_model(p, safe_mode=False)\n',
      errors: [{ line: 2, column: 41, message: 'tensorflow.keras.models.load_model' }],
    },
  ],
});
