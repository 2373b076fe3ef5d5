// What the tests need beyond node_modules, and getting it: Chromium for Playwright, Noto fonts
// (Thai, Khmer, Korean and Chinese in the screens and screenshots), and redis-server and
// haproxy for the multi-process tests (failover goes through a real load balancer). Used by `npm test` / `pnpm test` (scripts/test.mjs)
// and by CI (`.ci/run` calls `node scripts/test-deps.mjs`), so there is one way to set up.
//
//  - On Debian or Ubuntu, as root or with password-less sudo: `apt-get install` the packages.
//  - Elsewhere: Chromium comes from Playwright's own download (`playwright install chromium`);
//    Redis and HAProxy cannot be fetched portably, so we say in one line how to install them,
//    and stop.
// Node built-ins only: this runs before the tests' own dependencies are loaded.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { findHaproxy } from './haproxy.mjs';
import { pnpmOrExit, say } from './lib.mjs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function onPath(command) {
  const probe = spawnSync('sh', ['-c', `command -v "${command}"`], { stdio: 'ignore' });
  return probe.status === 0;
}

/** The Chromium the Playwright config will launch, or undefined. */
export function findChromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : undefined;
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
}

/** Whether Playwright's own Chromium is installed (a laptop without Debian's package). */
function playwrightChromiumInstalled() {
  const probe = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { chromium } from '@playwright/test'; import { existsSync } from 'node:fs';" +
        'process.exit(existsSync(chromium.executablePath()) ? 0 : 1);',
    ],
    { cwd: new URL('..', import.meta.url), stdio: 'ignore' },
  );
  return probe.status === 0;
}

export function findRedis() {
  const configured = process.env.REDIS_SERVER;
  if (configured) return existsSync(configured) || onPath(configured) ? configured : undefined;
  return onPath('redis-server') ? 'redis-server' : undefined;
}

/** `[]` as root, `['sudo', '-n']` with password-less sudo, undefined otherwise. */
function rootPrefix() {
  if (process.getuid?.() === 0) return [];
  if (onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) {
    return ['sudo', '-n'];
  }
  return undefined;
}

/** Debian's Noto fonts, without which Thai, Khmer, Korean and Chinese draw as empty boxes. */
const FONT_PACKAGES = ['fonts-noto-core', 'fonts-noto-cjk'];

function fontsMissing() {
  if (!canUseApt()) return false; // elsewhere the system's own fonts cover these scripts
  const probe = spawnSync('dpkg', ['-s', ...FONT_PACKAGES], { stdio: 'ignore' });
  return probe.status !== 0;
}

function canUseApt() {
  return process.platform === 'linux' && existsSync('/etc/debian_version') && onPath('apt-get');
}

function apt(prefix, args) {
  const [command, ...rest] = [
    ...prefix,
    'env',
    'DEBIAN_FRONTEND=noninteractive',
    'apt-get',
    ...args,
  ];
  say(`$ ${[command, ...rest].join(' ')}`);
  const result = spawnSync(command, rest, { stdio: ['ignore', 'inherit', 'inherit'] });
  return result.status === 0;
}

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

/**
 * Makes sure what the chosen tests need is there, installing it where this machine allows.
 * Exits with a one-line explanation when something is missing and cannot be installed here.
 */
export async function ensureTestDeps({ browser = true, redis = true } = {}) {
  const needChromium = browser && !findChromium() && !playwrightChromiumInstalled();
  const needRedis = redis && !findRedis();
  const needHaproxy = redis && !findHaproxy();
  const needFonts = browser && fontsMissing();
  if (!needChromium && !needRedis && !needHaproxy && !needFonts) return;

  const prefix = canUseApt() ? rootPrefix() : undefined;
  if (prefix) {
    const packages = [
      needChromium && 'chromium',
      ...(needFonts ? FONT_PACKAGES : []),
      needRedis && 'redis-server',
      needHaproxy && 'haproxy',
    ].filter(Boolean);
    say(`The tests need ${packages.join(' and ')}: installing with apt-get…`);
    if (!apt(prefix, ['update']) || !apt(prefix, ['install', '-y', ...packages])) {
      fail(`apt-get could not install ${packages.join(' ')}; install it by hand and run again.`);
    }
    if (needChromium && !findChromium())
      fail(`apt-get installed chromium but ${DEBIAN_CHROMIUM} is missing.`);
    if (needRedis && !findRedis()) fail('apt-get installed redis-server but it is not on PATH.');
    if (needHaproxy && !findHaproxy()) fail('apt-get installed haproxy but it is not on PATH.');
    return;
  }

  if (needChromium) {
    say(
      'The end-to-end tests need Chromium: installing Playwright’s own (playwright install chromium)…',
    );
    await pnpmOrExit(['exec', 'playwright', 'install', 'chromium']);
  }
  if (needRedis) {
    fail(
      'The integration tests need redis-server (Redis 7): install it (Debian/Ubuntu: ' +
        '`sudo apt-get install redis-server`; macOS: `brew install redis`) or set ' +
        'REDIS_SERVER to its path, then run the tests again.',
    );
  }
  if (needHaproxy) {
    fail(
      'The failover tests need haproxy: install it (Debian/Ubuntu: `sudo apt-get install ' +
        'haproxy`; macOS: `brew install haproxy`) or set HAPROXY to its path, then run the ' +
        'tests again.',
    );
  }
}

// `node scripts/test-deps.mjs`: everything the whole suite needs (CI's first step).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await ensureTestDeps();
  say(
    `Test dependencies: Chromium ${findChromium() ?? '(Playwright’s own)'}, Redis ${findRedis()}, HAProxy ${findHaproxy()}.`,
  );
}
