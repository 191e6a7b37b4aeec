import { ruleTester } from '../testing.js';
import { wildcardInjection } from './wildcard-injection.js';

ruleTester(wildcardInjection, {
  valid: [
    { name: 'no shell: * is not expanded', code: 'import subprocess\nsubprocess.run(["tar", "cf", "x.tar", "*"])\n' },
    { name: 'double dash before the glob', code: 'import os\nos.system("tar cf x.tar -- *")\n' },
    { name: './* cannot start with a dash', code: 'import os\nos.system("chmod 644 ./*")\n' },
    { name: 'absolute glob', code: 'import os\nos.system("chown www /var/www/*")\n' },
    { name: 'glob for an unaffected program', code: 'import os\nos.system("ls *")\n' },
    { name: 'the word tar inside another word', code: 'import os\nos.system("startx *")\n' },
  ],
  invalid: [
    {
      code: 'import os\nos.system("tar cf /backup/site.tar *")\n',
      errors: [{ line: 2, column: 1, message: 'tar', severity: 'high', confidence: 'medium' }],
    },
    {
      name: 'subprocess with shell=True and an f-string',
      code: 'import subprocess\nsubprocess.call(f"cd {d} && chown -R www:www *", shell=True)\n',
      errors: [{ line: 2, column: 1, message: 'chown' }],
    },
    {
      name: 'rsync through popen with a glob in a path',
      code: 'import os\nos.popen("rsync -a *.log " + dest)\n',
      errors: [{ line: 2, column: 1, message: 'rsync' }],
    },
  ],
});
