import { defineCallRule } from '../_shared/calls.js';

export const kerasUnsafeLoad = defineCallRule({
  meta: {
    id: 'PW207',
    name: 'keras-unsafe-load',
    category: 'deserialization',
    severity: 'medium',
    confidence: 'high',
    cwe: [502, 94],
    summary: 'Keras model loaded with safe_mode=False',
    docs: {
      what: '`keras.models.load_model()` / `keras.saving.load_model()` (also through `tensorflow.keras`) with `safe_mode=False`.',
      why: 'Keras models can contain `Lambda` layers whose Python bytecode is deserialized and run. `safe_mode=True` (the default) refuses them; turning it off lets a crafted model file run code (CVE-2024-3660).',
      bad: 'import keras\n\nmodel = keras.models.load_model("downloaded.keras", safe_mode=False)\n',
      good: 'import keras\n\nmodel = keras.models.load_model("downloaded.keras")\n',
      fix: 'Keep the default `safe_mode=True`; replace Lambda layers with registered custom layers.',
      references: ['https://keras.io/api/models/model_saving_apis/model_saving_and_loading/', 'https://nvd.nist.gov/vuln/detail/CVE-2024-3660'],
    },
  },
  names: [
    'keras.models.load_model',
    'keras.saving.load_model',
    'tensorflow.keras.models.load_model',
    'tensorflow.keras.saving.load_model',
    'tf_keras.models.load_model',
  ],
  requiresImport: ['keras', 'tensorflow', 'tf_keras'],
  check(call, qn, ctx) {
    const sm = ctx.sem.args(call).keywords.get('safe_mode');
    if (!sm || !ctx.sem.isFalsy(sm)) return null;
    return { message: `${qn}(safe_mode=False) deserializes Lambda-layer bytecode: a crafted model runs code when loaded`, node: sm };
  },
});
