import { ruleTester, dedent } from '../testing.js';
import { pathTraversal } from './path-traversal.js';

ruleTester(pathTraversal, {
  valid: [
    { name: 'bare parameter (a utility taking a path)', code: 'def load(path):\n    with open(path) as f:\n        return f.read()\n' },
    { name: 'suffix only', code: 'def load(name):\n    return open(name + ".json").read()\n' },
    { name: 'constant path', code: 'import os\nBASE = "/srv"\ndef f():\n    return open(os.path.join(BASE, "config.ini"))\n' },
    {
      name: 'basename sanitizer',
      code: 'import os\nUP = "/srv/up"\ndef f(name):\n    return open(os.path.join(UP, os.path.basename(name)))\n',
    },
    {
      name: 'secure_filename reassigned',
      code: dedent(`
        import os
        from werkzeug.utils import secure_filename
        def save(f, filename):
            filename = secure_filename(filename)
            f.save(os.path.join("/srv/up", filename))
            return open(os.path.join("/srv/up", filename))
      `),
    },
    {
      name: 'resolve + is_relative_to guard',
      code: dedent(`
        from pathlib import Path
        BASE = Path("/srv/data").resolve()
        def read(name):
            p = (BASE / name).resolve()
            if not p.is_relative_to(BASE):
                raise PermissionError(name)
            return p.read_text()
      `),
    },
    {
      name: 'realpath + startswith guard',
      code: dedent(`
        import os
        ROOT = "/srv/data"
        def read(name):
            full = os.path.realpath(os.path.join(ROOT, name))
            if not full.startswith(ROOT + os.sep):
                return None
            return open(full).read()
      `),
    },
    { name: 'dot-dot test', code: 'import os\ndef f(name):\n    if ".." in name:\n        raise ValueError\n    os.remove(os.path.join("/tmp/cache", name))\n' },
    { name: 'integer parameter', code: 'import os\ndef f(page: int):\n    return open(os.path.join("/srv/pages", f"{page}.html"))\n' },
    { name: 'self attribute', code: 'import os\nclass C:\n    def f(self):\n        return open(os.path.join(self.root, self.name))\n' },
    { name: 'module level code', code: 'import os, sys\nopen(os.path.join("/srv", sys.argv[1]))\n' },
    { name: 'send_from_directory is safe', code: 'from flask import send_from_directory\ndef f(name):\n    return send_from_directory("/srv/up", name)\n' },
    { name: 'two caller-supplied parts', code: 'import os\ndef mk(dir, name):\n    return os.open(os.path.join(dir, name), os.O_CREAT)\n' },
    { name: 'normalized caller-supplied base', code: 'import os\ndef mk(dir, pre):\n    dir = os.path.abspath(dir)\n    return os.open(os.path.join(dir, pre + "x"), os.O_CREAT)\n' },
    { name: 'percent format with the value first', code: 'def save(filename):\n    return open("%s.py" % filename, "w")\n' },
    { name: 'format with the value first', code: 'def save(filename):\n    return open("{}.json".format(filename), "w")\n' },
    { name: 'a parameter joined to an instance attribute (the caller chose the directory)', code: 'import os\nclass Maildir:\n    def get_file(self, key):\n        return open(os.path.join(self._path, str(key)), "rb")\n' },
    { name: 'a parameter joined to a path method of an attribute', code: 'class Dist:\n    def read_text(self, filename):\n        return self._path.joinpath(filename).read_text(encoding="utf-8")\n' },
    { name: 'a parameter joined to a local directory from another parameter', code: 'import os\ndef load(dir, name):\n    d = dir\n    return open(os.path.join(d, name + ".txt"), "rb")\n' },
    { name: 'a built part joined to an instance directory', code: 'import os\nclass M:\n    def add_folder(self, folder):\n        path = os.path.join(self._path, "." + folder)\n        os.rmdir(path)\n' },
    { name: 'f-string on an instance directory', code: 'class C:\n    def f(self, key):\n        return open(f"{self.root}/{key}.json")\n' },
    { name: 'text before the value is not a directory', code: 'import os\ndef f(url):\n    os.remove("open location %s" % url)\n    open(f"report for {url}")\n' },
    { name: 'tainted base, fixed file name', code: 'import os\ndef f(root):\n    return open(os.path.join(root, "settings.json"))\n' },
  ],
  invalid: [
    {
      code: 'import os\nUP = "/srv/up"\ndef read(name):\n    return open(os.path.join(UP, name)).read()\n',
      errors: [{ line: 4, column: 17, message: 'open() uses a path built from a function parameter', severity: 'medium', confidence: 'low' }],
    },
    {
      name: 'Flask route with request data through send_file',
      code: dedent(`
        import os
        from flask import Flask, request, send_file
        app = Flask(__name__)
        @app.route("/dl")
        def dl():
            name = request.args.get("file")
            return send_file(os.path.join("/srv/files", name))
      `),
      errors: [{ line: 7, column: 22, message: 'request data', severity: 'high', confidence: 'medium' }],
    },
    {
      name: 'route path parameter with pathlib',
      code: dedent(`
        from pathlib import Path
        from flask import Flask
        app = Flask(__name__)
        DATA = Path("/srv/data")
        @app.get("/files/<name>")
        def get_file(name):
            return (DATA / name).read_bytes()
      `),
      errors: [{ line: 7, column: 12, message: '.read_bytes()', severity: 'high' }],
    },
    {
      name: 'f-string directory prefix and os.remove',
      code: 'import os\ndef delete(user_id, filename):\n    os.remove(f"/var/uploads/{user_id}/{filename}")\n',
      errors: [{ line: 3, column: 15, message: 'os.remove()' }],
    },
    {
      name: 'concatenation through a variable, Django view',
      code: dedent(`
        from django.http import FileResponse
        BASE = "/srv/media/"
        def view(request):
            path = BASE + request.GET["f"]
            return FileResponse(open(path, "rb"))
      `),
      errors: [{ line: 5, column: 30, severity: 'high' }],
    },
    {
      name: 'uploaded file name',
      code: dedent(`
        import os
        from flask import request
        def upload():
            f = request.files["doc"]
            with open(os.path.join("/srv/up", f.filename), "wb") as out:
                out.write(f.read())
      `),
      errors: [{ line: 5, column: 15 }],
    },
    {
      name: 'path extended step by step',
      code: 'import os\nROOT = "/srv"\ndef f(user, name):\n    p = os.path.join(ROOT, "users")\n    p = os.path.join(p, name)\n    os.remove(p)\n',
      errors: [{ line: 6, column: 15 }],
    },
    {
      name: 'request data joined to an instance attribute is still reported',
      code: 'import os\nfrom flask import request\nclass Store:\n    def get(self):\n        return open(os.path.join(self.root, request.args["f"]))\n',
      errors: [{ line: 5, column: 21, severity: 'high' }],
    },
    {
      name: 'a base from settings, __file__ and a module-level Path',
      code: dedent(`
        import os
        from pathlib import Path
        from django.conf import settings
        HERE = Path(__file__).resolve().parent
        def a(name):
            return open(os.path.join(settings.MEDIA_ROOT, name))
        def b(name):
            return (HERE / "static" / name).read_text()
        def c(name):
            return open(os.path.join(os.path.dirname(__file__), "data", name))
      `),
      errors: [{ line: 6, column: 17 }, { line: 8, column: 12 }, { line: 10, column: 17 }],
    },
    { name: 'f-string on a module-level directory', code: 'BASE = "/srv/data"\ndef f(key):\n    return open(f"{BASE}/{key}.json")\n', errors: [{ line: 3, column: 17 }] },
    { name: 'percent format with a directory prefix', code: 'def load(name):\n    return open("/srv/tpl/%s.html" % name)\n', errors: [{ line: 2, column: 17 }] },
    {
      name: 'shutil.rmtree via Path constructor with two parts',
      code: 'import shutil\nfrom pathlib import Path\ndef rm(project):\n    shutil.rmtree(Path("/srv/projects", project))\n',
      errors: [{ line: 4, column: 19 }],
    },
  ],
});
