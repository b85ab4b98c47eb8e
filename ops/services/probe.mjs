#!/usr/bin/env node
// Dependency-free service probe for Luodi (Node built-ins only; node_modules may be absent).
//
// Usage:
//   node ops/services/probe.mjs [--timeout MS] [--quiet] <mysql://...|mariadb://...|redis://...>
//       Probe the service. Prints one status line to stdout (passwords masked).
//       First word of the line is the status:
//         ok             the server answered the protocol handshake      -> exit 0
//         auth-required  Redis answered -NOAUTH (URL has no password)    -> exit 0 (it *answers*)
//         nothing        connection refused / host unreachable / DNS     -> exit 1
//         auth-failed    server answered but rejected our credentials /
//                        MySQL error packet (host not allowed, too many)  -> exit 2
//         foreign        something listens but does not speak the
//                        expected protocol (or stays silent)              -> exit 3
//       Bad usage / unsupported URL -> exit 64.
//   node ops/services/probe.mjs --mask <url>
//       Print the URL with any password replaced by ***.
//   node ops/services/probe.mjs --private <url> <port>
//       Print the URL rewritten for a private local instance on 127.0.0.1:<port>
//       (mysql: root with empty password, database name kept; redis: /<db> suffix kept).
//   node ops/services/probe.mjs --field <url> <host|port|db|scheme>
//       Print one parsed field (db = MySQL database name or Redis db index, may be empty).

import net from 'node:net';

const EXIT = { ok: 0, 'auth-required': 0, nothing: 1, 'auth-failed': 2, foreign: 3 };

function fail(msg) {
  process.stderr.write(`probe: ${msg}\n`);
  process.exit(64);
}

function parse(raw) {
  let u;
  try {
    u = new URL(raw);
  } catch {
    fail(`not a valid URL: ${mask(raw)}`);
  }
  const scheme = u.protocol.replace(/:$/, '');
  let kind;
  if (scheme === 'mysql' || scheme === 'mariadb') kind = 'mysql';
  else if (scheme === 'redis') kind = 'redis';
  else fail(`unsupported scheme "${scheme}" (expected mysql://, mariadb:// or redis://)`);
  const host = (u.hostname || '127.0.0.1').replace(/^\[(.*)\]$/, '$1');
  const port = Number(u.port || (kind === 'mysql' ? 3306 : 6379));
  const path = decodeURIComponent(u.pathname.replace(/^\//, ''));
  return {
    url: u,
    scheme,
    kind,
    host,
    port,
    user: decodeURIComponent(u.username || ''),
    password: decodeURIComponent(u.password || ''),
    db: path,
  };
}

function mask(raw) {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    // Not parseable: mask anything that looks like user:pass@
    return String(raw).replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@');
  }
}

function privateUrl(raw, port) {
  const p = parse(raw);
  if (!/^\d+$/.test(String(port))) fail(`bad port "${port}"`);
  if (p.kind === 'mysql') {
    const db = p.db ? `/${encodeURIComponent(p.db)}` : '';
    return `${p.scheme}://root@127.0.0.1:${port}${db}`;
  }
  const db = /^\d+$/.test(p.db) ? `/${p.db}` : '';
  return `redis://127.0.0.1:${port}${db}`;
}

function result(status, detail) {
  return { status, detail };
}

/**
 * A connection to `p` that ends with the first result `finish` is given: by `listen(sock, finish)`
 * (which handles what the server sends), a network error, the server closing first (`closed`), or
 * `timeoutMs` without a result (`silent(sock)` says why, else no connection).
 */
function probeSocket(p, timeoutMs, { listen, silent, closed }) {
  return new Promise((resolve) => {
    let done = false;
    const sock = net.connect({ host: p.host, port: p.port });
    const finish = (r) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(r);
    };
    const timer = setTimeout(
      () => finish(silent(sock) ?? result('nothing', `no connection within ${timeoutMs} ms`)),
      timeoutMs,
    );
    listen(sock, finish, () => done);
    sock.on('error', (e) => finish(netError(e)));
    sock.on('close', () => finish(result('foreign', closed)));
  });
}

function probeMysql(p, timeoutMs) {
  let buf = Buffer.alloc(0);
  return probeSocket(p, timeoutMs, {
    silent: (sock) =>
      buf.length || sock.readyState === 'open'
        ? result('foreign', `connected but no MySQL handshake within ${timeoutMs} ms`)
        : undefined,
    closed: 'connection closed before a MySQL handshake arrived',
    listen: (sock, finish) =>
      sock.on('data', (chunk) => {
        buf = Buffer.concat([buf, chunk]);
        if (buf.length < 5) return;
        const len = buf.readUIntLE(0, 3);
        if (len < 1 || len > 1 << 16) {
          finish(result('foreign', 'answered, but not with a MySQL packet'));
          return;
        }
        if (buf.length < 4 + len) return;
        const payload = buf.subarray(4, 4 + len);
        const proto = payload[0];
        if (proto === 10) {
          const end = payload.indexOf(0, 1);
          const version = payload
            .subarray(1, end > 0 ? end : Math.min(payload.length, 60))
            .toString('latin1');
          finish(result('ok', `MySQL protocol 10, server ${version}`));
        } else if (proto === 0xff) {
          const code = payload.length >= 3 ? payload.readUInt16LE(1) : 0;
          let msg = payload.subarray(3).toString('utf8');
          if (msg.startsWith('#')) msg = msg.slice(6);
          finish(result('auth-failed', `server refused the connection: ${code} ${msg.trim()}`));
        } else {
          finish(result('foreign', `answered with protocol byte ${proto}, not a MySQL handshake`));
        }
      }),
  });
}

function resp(...args) {
  let s = `*${args.length}\r\n`;
  for (const a of args) s += `$${Buffer.byteLength(a)}\r\n${a}\r\n`;
  return s;
}

function probeRedis(p, timeoutMs) {
  let buf = '';
  const steps = []; // expected replies, in order
  return probeSocket(p, timeoutMs, {
    silent: (sock) =>
      sock.readyState === 'open'
        ? result('foreign', `connected but no Redis reply within ${timeoutMs} ms`)
        : undefined,
    closed: 'connection closed before a Redis reply arrived',
    listen: (sock, finish, done) => {
      sock.on('connect', () => {
        let out = '';
        if (p.password) {
          out += p.user && p.user !== 'default' ? resp('AUTH', p.user, p.password) : resp('AUTH', p.password);
          steps.push('auth');
        }
        out += 'PING\r\n';
        steps.push('ping');
        sock.write(out);
      });
      sock.on('data', (chunk) => {
        buf += chunk.toString('utf8');
        let nl;
        while (!done() && (nl = buf.indexOf('\r\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 2);
          const step = steps.shift();
          if (step === 'auth') {
            if (line.startsWith('+OK')) continue;
            // Like ioredis: a password sent to a server without one is only a warning.
            if (/without any password configured|no password is set/i.test(line)) continue;
            finish(result('auth-failed', `AUTH rejected: ${line.slice(1)}`));
          } else if (step === 'ping') {
            if (line.startsWith('+PONG')) finish(result('ok', 'Redis answered PONG'));
            else if (line.startsWith('-NOAUTH'))
              finish(
                result(
                  'auth-required',
                  'a Redis server answers but requires a password (put it in the URL: redis://:PASSWORD@host:port)',
                ),
              );
            else if (line.startsWith('-WRONGPASS') || line.startsWith('-ERR invalid password'))
              finish(result('auth-failed', line.slice(1)));
            else if (line.startsWith('-'))
              finish(result('auth-failed', `Redis answered an error to PING: ${line.slice(1)}`));
            else finish(result('foreign', `answered "${line.slice(0, 60)}", not a Redis PONG`));
          } else {
            finish(result('foreign', 'unexpected data'));
          }
        }
      });
    },
  });
}

function netError(e) {
  const refused = ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL'];
  if (refused.includes(e.code)) return result('nothing', `${e.code}`);
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE') return result('foreign', `${e.code} (connection reset)`);
  return result('nothing', `${e.code || e.message}`);
}

async function main(argv) {
  const args = [...argv];
  if (args[0] === '--mask') {
    if (args.length !== 2) fail('usage: --mask <url>');
    process.stdout.write(`${mask(args[1])}\n`);
    return 0;
  }
  if (args[0] === '--private') {
    if (args.length !== 3) fail('usage: --private <url> <port>');
    process.stdout.write(`${privateUrl(args[1], args[2])}\n`);
    return 0;
  }
  if (args[0] === '--field') {
    if (args.length !== 3) fail('usage: --field <url> <host|port|db|scheme|kind>');
    const p = parse(args[1]);
    if (!['host', 'port', 'db', 'scheme', 'kind'].includes(args[2])) fail(`unknown field ${args[2]}`);
    process.stdout.write(`${p[args[2]]}\n`);
    return 0;
  }
  let timeoutMs = 2000;
  let quiet = false;
  const rest = [];
  while (args.length) {
    const a = args.shift();
    if (a === '--timeout') timeoutMs = Number(args.shift());
    else if (a === '--quiet' || a === '-q') quiet = true;
    else rest.push(a);
  }
  if (rest.length !== 1 || !Number.isFinite(timeoutMs) || timeoutMs <= 0)
    fail('usage: probe.mjs [--timeout MS] [--quiet] <url>');
  const p = parse(rest[0]);
  const r = p.kind === 'mysql' ? await probeMysql(p, timeoutMs) : await probeRedis(p, timeoutMs);
  if (!quiet) process.stdout.write(`${r.status} ${p.kind} ${p.host}:${p.port} ${r.detail}\n`);
  return EXIT[r.status];
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`probe: ${e && e.stack ? e.stack : e}\n`);
    process.exit(70);
  },
);
