// The generic spec fields added for the async frameworks (issue 16 §1): handlers registered by
// call, the request parameter of a route, `markupOnly` responses, `selfAttrs.bases`, injected
// dependencies, application renderers; with the CWE of what they report and bounded walks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePython } from '../python/parser.js';
import { Semantic } from '../python/semantic.js';
import { analyzeTaint } from './index.js';

async function found(src: string): Promise<string[]> {
  const f = await parsePython('t.py', src, { allowErrors: true });
  return analyzeTaint(f, new Semantic(f), { envSources: false }).findings.map((x) => `${x.ruleId}:${x.line}:CWE-${x.cwe.join(',')}`);
}

test('a handler registered by call gets the request as its first parameter; the same function unregistered does not', async () => {
  const handler = 'from aiohttp import web\nimport os\nasync def h(r):\n    os.system(r.query["c"])\n';
  assert.deepEqual(await found(handler + 'app = web.Application()\napp.router.add_get("/", h)\n'), ['PWT002:4:CWE-78']);
  assert.deepEqual(await found(handler + 'app = web.Application()\napp.add_routes([web.post("/", h)])\n'), ['PWT002:4:CWE-78']);
  assert.deepEqual(await found(handler + 'app = web.Application()\napp.router.add_route("GET", "/", h)\n'), ['PWT002:4:CWE-78']);
  assert.deepEqual(await found(handler), []);
  // Starlette: Route(path, endpoint) by position or keyword.
  const ep = 'from starlette.routing import Route\nimport os\nasync def e(rq):\n    os.system(rq.path_params["c"])\n';
  assert.deepEqual(await found(ep + 'routes = [Route("/", e)]\n'), ['PWT002:4:CWE-78']);
  assert.deepEqual(await found(ep + 'routes = [Route("/", endpoint=e)]\n'), ['PWT002:4:CWE-78']);
  assert.deepEqual(await found(ep + 'routes = [Route("/", other)]\n'), []);
});

test('aiohttp and Starlette responses are HTML sinks only when declared as markup (CWE-79)', async () => {
  const head = 'from aiohttp import web\nroutes = web.RouteTableDef()\n@routes.get("/")\nasync def h(request):\n    q = request.query["q"]\n';
  assert.deepEqual(await found(head + '    return web.Response(text=q, content_type="text/html")\n'), ['PWT006:6:CWE-79']);
  assert.deepEqual(await found(head + '    return web.Response(text=q, headers={"Content-Type": "image/svg+xml"})\n'), ['PWT006:6:CWE-79']);
  assert.deepEqual(await found(head + '    return web.Response(text=q)\n'), []);
  assert.deepEqual(await found(head + '    return web.Response(body=q, content_type="application/json")\n'), []);
  const lite = 'from litestar import get, MediaType, Response\n@get("/")\nasync def h(q: str) -> Response:\n';
  assert.deepEqual(await found(lite + '    return Response(content=q, media_type=MediaType.HTML)\n'), ['PWT006:4:CWE-79']);
  assert.deepEqual(await found(lite + '    return Response(content=q, media_type=MediaType.JSON)\n'), []);
  assert.deepEqual(await found(lite + '    return Response(content=q)\n'), []);
});

test('self.request is the request only in classes deriving from web.View', async () => {
  const body = ':\n    async def get(self):\n        import os\n        os.system(self.request.query["c"])\n';
  assert.deepEqual(await found('from aiohttp import web\nclass V(web.View)' + body), ['PWT002:5:CWE-78']);
  assert.deepEqual(await found('from aiohttp import web\nclass V(Base)' + body), []);
});

test('Litestar: dependencies named by the decorator and Dependency() defaults are not input', async () => {
  const src = 'import os\nfrom litestar import get\nfrom litestar.di import Provide\nfrom litestar.params import Dependency\n@get("/", dependencies={"a": Provide(f)})\nasync def h(a: str, b: str, c: str = Dependency()) -> None:\n    os.system(a)\n    os.system(b)\n    os.system(c)\n';
  assert.deepEqual(await found(src), ['PWT002:8:CWE-78']);
});

test('SQL: asyncpg methods need the import; SQLAlchemy statements bind their values (CWE-89)', async () => {
  const body = 'async def h(request):\n    conn = request.app["db"]\n    await conn.fetch("SELECT " + request.query["q"])\n';
  assert.deepEqual(await found('import asyncpg\nfrom aiohttp import web\n' + body), ['PWT001:5:CWE-89']);
  assert.deepEqual(await found('from aiohttp import web\n' + body), []);
  const sa = 'from aiohttp import web\nfrom sqlalchemy import select, text\nasync def h(request):\n    q = request.query["q"]\n';
  assert.deepEqual(await found(sa + '    request.app["s"].execute(select(T).where(T.c.like(q)).limit(q))\n'), []);
  assert.deepEqual(await found(sa + '    request.app["s"].execute(select(T).where(text(q)))\n'), ['PWT001:5:CWE-89']);
});

test('aiohttp_jinja2: contexts are sinks only when the setup of the file turns autoescape off', async () => {
  const views = 'import aiohttp_jinja2\nfrom aiohttp import web\n@aiohttp_jinja2.template("t.html")\nasync def h(request):\n    return {"q": request.query["q"]}\n';
  assert.deepEqual(await found(views + 'aiohttp_jinja2.setup(app, autoescape=False)\n'), ['PWT006:5:CWE-79']);
  assert.deepEqual(await found(views + 'aiohttp_jinja2.setup(app, autoescape=True)\n'), []);
  assert.deepEqual(await found(views + 'aiohttp_jinja2.setup(app)\n'), []);
});

test('the registration walk is bounded: deep nesting in a framework file neither overflows nor hangs', async () => {
  const N = 100_000;
  const src = 'from aiohttp import web\nx = ' + '('.repeat(N) + 'web.get("/", h)' + ')'.repeat(N) + '\nasync def h(r):\n    import os\n    os.system(r.query["c"])\n';
  const t0 = performance.now();
  const f = await parsePython('t.py', src, { allowErrors: true });
  const r = analyzeTaint(f, new Semantic(f), { envSources: false });
  assert.ok(Array.isArray(r.findings));
  assert.ok(performance.now() - t0 < 20_000);
});

test('Litestar: a returned string is the body only when the decorator declares HTML', async () => {
  const fn = 'async def h(name: str) -> str:\n    return "<p>" + name\n';
  const head = 'from litestar import get, MediaType\n';
  assert.deepEqual(await found(head + '@get("/", media_type="text/html")\n' + fn), ['PWT006:4:CWE-79']);
  assert.deepEqual(await found(head + '@get("/", media_type=MediaType.HTML)\n' + fn), ['PWT006:4:CWE-79']);
  assert.deepEqual(await found(head + '@get("/", media_type=MediaType.TEXT)\n' + fn), []);
  assert.deepEqual(await found(head + '@get("/")\n' + fn), []);
});
