// Hosts for which plain http:// is expected: loopback, private networks, single-label service
// names, reserved test domains, XML namespace hosts.
const LOCAL_SUFFIXES = ['.local', '.internal', '.localhost', '.lan', '.home.arpa', '.test', '.example', '.invalid', '.svc', '.cluster.local', '.intranet', '.corp'];
const NAMESPACE_HOSTS = new Set(['www.w3.org', 'w3.org', 'schemas.xmlsoap.org', 'schemas.microsoft.com', 'purl.org', 'xmlns.com', 'ns.adobe.com', 'schemas.openxmlformats.org', 'www.opengis.net', 'example.com', 'www.example.com', 'example.org', 'www.example.org', 'example.net']);

export function isLocalHost(hostPort: string): boolean {
  let host = hostPort.toLowerCase();
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    const ip6 = host.slice(1, end < 0 ? undefined : end);
    return ip6 === '::1' || ip6.startsWith('fe80:') || ip6.startsWith('fc') || ip6.startsWith('fd');
  }
  host = host.replace(/:\d*$/, '');
  if (!host) return true;
  if (host === 'localhost' || host === '0.0.0.0') return true;
  if (!host.includes('.')) return true; // docker/k8s service names, intranet short names
  const ip = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (ip) {
    const [a, b] = [Number(ip[1]), Number(ip[2])];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || a === 0;
  }
  if (LOCAL_SUFFIXES.some((s) => host.endsWith(s))) return true;
  return NAMESPACE_HOSTS.has(host);
}

/**
 * For a URL prefix known at analysis time: the host of an http:// URL that is not local, or null.
 * Returns null when the host is not fully known (`"http://" + host`).
 */
export function cleartextHost(prefix: string, complete: boolean): string | null {
  const m = /^http:\/\/([^/?#]*)([/?#])?/i.exec(prefix.trim());
  if (!m) return null;
  if (!m[2] && !complete) return null;
  const host = m[1];
  if (!complete && !m[2] && !host.includes(':')) return null;
  return isLocalHost(host) ? null : host;
}
