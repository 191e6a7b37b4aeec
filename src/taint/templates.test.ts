// Rendering through an autoescaping template engine is clean for XSS; engines without autoescape,
// templates whose name select_autoescape does not select and templates built from input are not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan } from '../scan/scan.js';
import { dedent } from '../rules/testing.js';

async function xss(code: string, rule = 'PWT006'): Promise<number[]> {
  const root = mkdtempSync(join(tmpdir(), 'pyward-templates-'));
  writeFileSync(join(root, 'views.py'), dedent(code));
  const r = await scan({ paths: ['.'], cwd: root, select: [rule], secrets: false, dependencies: false, hygiene: false, cache: false, warn: () => {} });
  return r.findings.map((f) => f.line).sort((a, b) => a - b);
}

const RENDERS = `
    from django.http import HttpResponse
    from django.template import Context, Template
    from django.template.loader import get_template, render_to_string
    import jinja2
    from jinja2 import Environment, select_autoescape

    on = Environment(autoescape=True)
    sel = Environment(loader=None, autoescape=select_autoescape())
    nostr = Environment(autoescape=select_autoescape(default_for_string=False))
    off = Environment()
    off2 = Environment(autoescape=False)


    def view(request):
        q = request.GET["q"]
        HttpResponse(render_to_string("t.html", {"q": q}))
        HttpResponse(on.from_string("<p>{{ n }}</p>").render(n=q))
        HttpResponse(sel.from_string("<p>{{ n }}</p>").render(n=q))
        HttpResponse(sel.get_template("page.html").render(n=q))
        HttpResponse(Template("<p>{{ n }}</p>").render(Context({"n": q})))
        HttpResponse(get_template("page.html").render({"n": q}, request))
        HttpResponse(off.from_string("<p>{{ n }}</p>").render(n=q))
        HttpResponse(off2.get_template("page.html").render(n=q))
        HttpResponse(sel.get_template("mail.txt").render(n=q))
        HttpResponse(nostr.from_string("<p>{{ n }}</p>").render(n=q))
        HttpResponse(on.from_string(q).render())
        HttpResponse(jinja2.Template("<p>{{ n }}</p>").render(n=q))
        return HttpResponse("<p>" + render_to_string("t.html") + q + "</p>")
  `;

test('Django and Jinja2: autoescaping engines are clean, the others reported', async () => {
  const lines = await xss(RENDERS);
  // 16-21 are clean; 22-25 and 27 render without escaping; 28 adds raw input. 26 renders a template
  // made of input: reported as template injection (PWT016), not again as XSS.
  assert.deepEqual(lines, [22, 23, 24, 25, 27, 28]);
  assert.deepEqual(await xss(RENDERS, 'PWT016'), [26]);
});

test("Starlette's Jinja2Templates escape: TemplateResponse and its templates are clean", async () => {
  const lines = await xss(`
    from fastapi import FastAPI, Request
    from fastapi.responses import HTMLResponse
    from fastapi.templating import Jinja2Templates

    app = FastAPI()
    templates = Jinja2Templates(directory="templates")


    @app.get("/a")
    def a(request: Request, q: str):
        return templates.TemplateResponse("page.html", {"request": request, "q": q})


    @app.get("/b")
    def b(q: str):
        return HTMLResponse(templates.get_template("page.html").render(q=q))


    @app.get("/c")
    def c(q: str):
        return HTMLResponse("<p>" + q + "</p>")
  `);
  assert.deepEqual(lines, [21]);
});

test('known gap: select_autoescape with custom extensions uses the default ones', async () => {
  const lines = await xss(`
    from django.http import HttpResponse
    from jinja2 import Environment, select_autoescape

    env = Environment(autoescape=select_autoescape(enabled_extensions=("jinja",)))


    def view(request):
        return HttpResponse(env.get_template("page.jinja").render(n=request.GET["q"]))
  `);
  // Escaped at run time, still reported: only html, htm and xml names count as selected.
  assert.deepEqual(lines, [8]);
});
