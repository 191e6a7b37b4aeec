import { ruleTester } from '../testing.js';
import { huggingfaceUnpinnedDownload } from './huggingface-unpinned-download.js';

const SHA = '6c4a5e8f0d9b1a2c3e4f5a6b7c8d9e0f1a2b3c4d';

ruleTester(huggingfaceUnpinnedDownload, {
  valid: [
    { name: 'pinned commit', code: `from transformers import AutoModel\nAutoModel.from_pretrained("acme/m", revision="${SHA}")\n` },
    { name: 'pinned short commit', code: 'from huggingface_hub import hf_hub_download\nhf_hub_download("acme/m", "model.safetensors", revision="6c4a5e8")\n' },
    { name: 'local directory', code: 'from transformers import AutoTokenizer\nAutoTokenizer.from_pretrained("./models/tok")\nAutoTokenizer.from_pretrained("/opt/models/tok")\n' },
    { name: 'revision from configuration', code: 'from transformers import AutoModel\ndef f(rev):\n    AutoModel.from_pretrained("acme/m", revision=rev)\n' },
    { name: 'kwargs may carry the revision', code: 'from transformers import AutoModel\nAutoModel.from_pretrained("acme/m", **opts)\n' },
    { name: 'no HF import', code: 'MyModel.from_pretrained("acme/m")\n' },
  ],
  invalid: [
    {
      code: 'from transformers import AutoModel\nmodel = AutoModel.from_pretrained("acme/sentiment")\n',
      errors: [{ line: 2, column: 9, message: 'transformers.AutoModel.from_pretrained()', severity: 'medium', confidence: 'high' }],
    },
    {
      name: 'branch name',
      code: 'from transformers import AutoModel\nAutoModel.from_pretrained("acme/m", revision="main")\n',
      errors: [{ line: 2, column: 46, message: 'revision="main"' }],
    },
    {
      name: 'hub helpers and datasets',
      code: 'import huggingface_hub as hub\nfrom datasets import load_dataset\nhub.snapshot_download("acme/m")\nload_dataset("imdb", revision="v1.0")\n',
      errors: [
        { line: 3, column: 1, message: 'huggingface_hub.snapshot_download' },
        { line: 4, column: 31, message: 'v1.0' },
      ],
    },
    {
      name: 'subclass of a transformers model',
      code: 'import transformers\nclass M(transformers.PreTrainedModel):\n    pass\nM.from_pretrained("acme/m")\n',
      errors: [{ line: 4, column: 1 }],
    },
  ],
});
